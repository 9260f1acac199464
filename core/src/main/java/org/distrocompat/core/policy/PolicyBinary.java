package org.distrocompat.core.policy;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The bundled policy files in a compact binary form, written at build time ({@link PolicyCompiler}) and read by
 * every check: parsing auditwheel's 127 KB manylinux JSON cost a short check's start-up more than any other step.
 * The JSON stays the source; a missing binary falls back to it. Format: magic, a table of distinct strings, then
 * each policy as indices into it (name, aliases, priority, symbol_versions, lib_whitelist, blacklist), orders kept.
 */
final class PolicyBinary {
    private static final int MAGIC = 0x44435031; // "DCP1"

    private PolicyBinary() {
    }

    static byte[] encode(List<Policy> policies) throws IOException {
        Map<String, Integer> index = new HashMap<>();
        List<String> table = new ArrayList<>();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(body);
        out.writeInt(policies.size());
        for (Policy p : policies) {
            str(out, p.name(), index, table);
            strings(out, p.aliases(), index, table);
            out.writeInt(p.priority());
            out.writeInt(p.symbolVersions().size());
            for (var arch : p.symbolVersions().entrySet()) {
                str(out, arch.getKey(), index, table);
                lists(out, arch.getValue(), index, table);
            }
            strings(out, p.libWhitelist(), index, table);
            lists(out, p.blacklist(), index, table);
        }
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        DataOutputStream head = new DataOutputStream(all);
        head.writeInt(MAGIC);
        head.writeInt(table.size());
        for (String s : table) {
            head.writeUTF(s);
        }
        body.writeTo(head);
        head.flush();
        return all.toByteArray();
    }

    private static void str(DataOutputStream out, String s, Map<String, Integer> index, List<String> table)
            throws IOException {
        Integer i = index.get(s);
        if (i == null) {
            i = table.size();
            index.put(s, i);
            table.add(s);
        }
        out.writeInt(i);
    }

    private static void strings(DataOutputStream out, List<String> l, Map<String, Integer> index, List<String> table)
            throws IOException {
        out.writeInt(l.size());
        for (String s : l) {
            str(out, s, index, table);
        }
    }

    private static void lists(DataOutputStream out, Map<String, List<String>> m, Map<String, Integer> index,
            List<String> table) throws IOException {
        out.writeInt(m.size());
        for (var e : m.entrySet()) {
            str(out, e.getKey(), index, table);
            strings(out, e.getValue(), index, table);
        }
    }

    static List<Policy> decode(InputStream raw) throws IOException {
        DataInputStream in = new DataInputStream(new BufferedInputStream(raw, 1 << 15));
        if (in.readInt() != MAGIC) {
            throw new IOException("not a compiled policy file");
        }
        String[] table = new String[in.readInt()];
        for (int i = 0; i < table.length; i++) {
            table[i] = in.readUTF();
        }
        int n = in.readInt();
        List<Policy> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            String name = table[in.readInt()];
            List<String> aliases = strings(in, table);
            int priority = in.readInt();
            int arches = in.readInt();
            Map<String, Map<String, List<String>>> sv = new LinkedHashMap<>();
            for (int a = 0; a < arches; a++) {
                String arch = table[in.readInt()];
                sv.put(arch, lists(in, table));
            }
            out.add(new Policy(name, aliases, priority, sv, strings(in, table), lists(in, table)));
        }
        return out;
    }

    private static List<String> strings(DataInputStream in, String[] table) throws IOException {
        int n = in.readInt();
        List<String> l = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            l.add(table[in.readInt()]);
        }
        return l;
    }

    private static Map<String, List<String>> lists(DataInputStream in, String[] table) throws IOException {
        int n = in.readInt();
        Map<String, List<String>> m = new LinkedHashMap<>();
        for (int i = 0; i < n; i++) {
            String k = table[in.readInt()];
            m.put(k, strings(in, table));
        }
        return m;
    }
}
