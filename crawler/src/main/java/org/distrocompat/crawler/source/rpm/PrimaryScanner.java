package org.distrocompat.crawler.source.rpm;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * Streams a (decompressed) primary.xml and returns the packages that provide one of the wanted library provides.
 * Nothing but the current package and the matches is held, so a primary of any size is read in constant memory
 * (a 40 MB primary.xml in a 256 MB heap: see {@code PrimaryScannerTest} and bench/rpm-primary.sh). Selection is by
 * what a package provides, not by its name: whatever package ships libc.so.6 is the C library's.
 */
final class PrimaryScanner {
    private final Set<String> wantedProvides;

    /** @param wantedProvides provide names as rpm writes them ("libc.so.6()(64bit)", "libc.so.6") */
    PrimaryScanner(Set<String> wantedProvides) {
        this.wantedProvides = Set.copyOf(wantedProvides);
    }

    List<PrimaryPackage> scan(InputStream in) throws IOException {
        List<PrimaryPackage> out = new ArrayList<>();
        try {
            XMLStreamReader r = Xml.reader(in);
            Builder b = null;
            boolean inProvides = false;
            boolean sawRoot = false;
            while (r.hasNext()) {
                int ev = r.next();
                if (ev == XMLStreamConstants.START_ELEMENT) {
                    String n = r.getLocalName();
                    if (n.equals("metadata")) {
                        sawRoot = true;
                    } else if (n.equals("package")) {
                        b = "rpm".equals(r.getAttributeValue(null, "type")) || r.getAttributeValue(null, "type") == null
                                ? new Builder() : null;
                    } else if (b != null) {
                        switch (n) {
                            case "name" -> b.name = r.getElementText().strip();
                            case "arch" -> b.arch = r.getElementText().strip();
                            case "version" -> {
                                b.epoch = r.getAttributeValue(null, "epoch");
                                b.version = r.getAttributeValue(null, "ver");
                                b.release = r.getAttributeValue(null, "rel");
                            }
                            case "checksum" -> {
                                String type = String.valueOf(r.getAttributeValue(null, "type")).toLowerCase(Locale.ROOT);
                                String value = r.getElementText().strip().toLowerCase(Locale.ROOT);
                                b.checksum = type.equals("sha256") ? value : null;
                                b.checksumType = type;
                            }
                            case "size" -> b.size = parseLong(r.getAttributeValue(null, "package"));
                            case "location" -> {
                                b.location = r.getAttributeValue(null, "href");
                                b.base = r.getAttributeValue("http://www.w3.org/XML/1998/namespace", "base");
                            }
                            case "time" -> b.fileTime = parseLong(r.getAttributeValue(null, "file"));
                            case "sourcerpm" -> b.sourceRpm = r.getElementText().strip();
                            case "provides" -> inProvides = true;
                            case "entry" -> {
                                String name = r.getAttributeValue(null, "name");
                                if (inProvides && name != null && wantedProvides.contains(name)) {
                                    b.provides.add(name);
                                }
                            }
                            default -> {
                                // summary, description, files, requires, ...: skipped as they stream by
                            }
                        }
                    }
                } else if (ev == XMLStreamConstants.END_ELEMENT) {
                    String n = r.getLocalName();
                    if (n.equals("provides")) {
                        inProvides = false;
                    } else if (n.equals("package") && b != null) {
                        if (!b.provides.isEmpty()) {
                            out.add(b.build());
                        }
                        b = null;
                    }
                }
            }
            if (!sawRoot) {
                throw new IOException("not a primary.xml (no <metadata> element)");
            }
        } catch (XMLStreamException | RuntimeException e) {
            throw new IOException("unreadable primary.xml: " + e.getMessage(), e);
        }
        return out;
    }

    private static long parseLong(String s) {
        if (s == null) {
            return -1;
        }
        try {
            return Long.parseLong(s.strip());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static final class Builder {
        String name;
        String arch;
        String epoch;
        String version;
        String release;
        String checksum;
        String checksumType;
        long size = -1;
        String location;
        String base;
        long fileTime;
        String sourceRpm;
        final List<String> provides = new ArrayList<>();

        PrimaryPackage build() throws IOException {
            if (name == null || arch == null || version == null || location == null) {
                throw new IOException("primary.xml: a package entry lacks name, arch, version or location");
            }
            if (checksum == null || checksum.length() != 64) {
                throw new IOException("primary.xml: " + name + "." + arch + " has a " + checksumType
                        + " checksum; only sha256 is supported");
            }
            return new PrimaryPackage(name, arch, epoch, version, release, checksum, size, location, base, fileTime,
                    sourceRpm, provides);
        }
    }
}
