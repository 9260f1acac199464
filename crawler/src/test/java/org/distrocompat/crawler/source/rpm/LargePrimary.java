package org.distrocompat.crawler.source.rpm;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.distrocompat.crawler.archive.Decompression;

/**
 * A large primary.xml in the real format, made from the fixture's primary (written by createrepo_c): its package
 * entries once as they are, then copies of them under other names, with their library provides renamed, until the
 * XML has the size asked for. A real distribution's primary is the same: tens of thousands of entries of which a
 * handful provide the base libraries.
 */
final class LargePrimary {
    private LargePrimary() {
    }

    /** Writes {@code out} (gzip) from the primary {@code template} (any compression); returns the XML's size. */
    static long write(Path template, Path out, long xmlBytes) throws IOException {
        String xml;
        try (InputStream in = Decompression.open(template.getFileName().toString(), Files.newInputStream(template))) {
            xml = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        int first = xml.indexOf("<package ");
        int end = xml.lastIndexOf("</metadata>");
        String head = xml.substring(0, first).replaceFirst("packages=\"\\d+\"", "packages=\"0\"");
        List<String> entries = new ArrayList<>();
        for (int i = first; i >= 0 && i < end; ) {
            int close = xml.indexOf("</package>", i) + "</package>".length();
            entries.add(xml.substring(i, close));
            i = xml.indexOf("<package ", close);
        }
        long written = 0;
        try (OutputStream file = Files.newOutputStream(out);
             Writer w = new OutputStreamWriter(new GZIPOutputStream(file, 1 << 16), StandardCharsets.UTF_8)) {
            w.write(head);
            written += head.length();
            for (String e : entries) {
                w.write(e);
                w.write('\n');
                written += e.length() + 1;
            }
            for (int copy = 1; written < xmlBytes; copy++) {
                for (String e : entries) {
                    String c = e.replaceFirst("<name>([^<]+)</name>", "<name>$1-copy" + copy + "</name>")
                            .replace(".so.", ".so-copy" + copy + ".");
                    w.write(c);
                    w.write('\n');
                    written += c.length() + 1;
                }
            }
            w.write("</metadata>\n");
        }
        return written;
    }
}
