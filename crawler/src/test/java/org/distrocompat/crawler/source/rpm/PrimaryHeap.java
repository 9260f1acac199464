package org.distrocompat.crawler.source.rpm;

import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import javax.xml.parsers.DocumentBuilderFactory;
import org.distrocompat.crawler.archive.Decompression;
import org.w3c.dom.Document;

/**
 * Parses a primary.xml(.gz) in a JVM of its own, to show the heap it needs: {@code stax} is the crawler's streaming
 * scanner, {@code dom} the obvious alternative (the whole document as a tree). Prints the packages found, the time and
 * the peak heap. Used by PrimaryScannerTest (with -Xmx256m) and bench/rpm-primary.sh ({@code generate TEMPLATE OUT
 * MIB} writes a large primary from the fixture's).
 */
public final class PrimaryHeap {
    private PrimaryHeap() {
    }

    public static void main(String[] args) throws Exception {
        String mode = args[0];
        Path file = Path.of(args[1]);
        if (mode.equals("generate")) {
            long xml = LargePrimary.write(file, Path.of(args[2]), Long.parseLong(args[3]) << 20);
            System.out.printf("generated %s: %d MiB of primary.xml%n", args[2], xml >> 20);
            return;
        }
        long started = System.nanoTime();
        int found;
        try (InputStream in = Decompression.open(file.getFileName().toString(), Files.newInputStream(file))) {
            if (mode.equals("stax")) {
                List<PrimaryPackage> p = new PrimaryScanner(Set.of("libc.so.6()(64bit)", "libc.so.6",
                        "libstdc++.so.6()(64bit)", "libgcc_s.so.1()(64bit)", "libgcc_s.so.1")).scan(in);
                found = p.size();
            } else {
                DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
                f.setNamespaceAware(true);
                Document d = f.newDocumentBuilder().parse(in);
                found = d.getElementsByTagNameNS("*", "package").getLength();
            }
        }
        long peak = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                peak += pool.getPeakUsage().getUsed();
            }
        }
        System.out.printf("%s found=%d ms=%d peak_heap_mb=%d max_heap_mb=%d%n", mode, found,
                (System.nanoTime() - started) / 1_000_000, peak >> 20, Runtime.getRuntime().maxMemory() >> 20);
    }
}
