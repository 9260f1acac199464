package org.distrocompat.crawler.source.rpm;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * A repository's {@code repodata/repomd.xml}: its revision and, per metadata type (primary, filelists, ...), where
 * the file is and its checksum. The one signed (or checksummed) entry point of an rpm-md repository.
 *
 * @param sha256 the SHA256 of repomd.xml as fetched
 */
record RepoMd(String revision, Map<String, Data> data, String sha256) {

    /** One metadata file: location relative to the repository, checksum of the (compressed) file, size. */
    record Data(String type, String checksumType, String checksum, String location, long size, long timestamp) {
    }

    RepoMd {
        data = Map.copyOf(data);
    }

    static RepoMd parse(byte[] xml, String sha256) throws IOException {
        Map<String, Data> out = new LinkedHashMap<>();
        String revision = null;
        try {
            XMLStreamReader r = Xml.reader(new ByteArrayInputStream(xml));
            String type = null;
            String checksumType = null;
            String checksum = null;
            String location = null;
            long size = -1;
            long timestamp = 0;
            boolean sawRoot = false;
            while (r.hasNext()) {
                int ev = r.next();
                if (ev == XMLStreamConstants.START_ELEMENT) {
                    String n = r.getLocalName();
                    switch (n) {
                        case "repomd" -> sawRoot = true;
                        case "revision" -> revision = r.getElementText().strip();
                        case "data" -> {
                            type = r.getAttributeValue(null, "type");
                            checksumType = null;
                            checksum = null;
                            location = null;
                            size = -1;
                            timestamp = 0;
                        }
                        case "checksum" -> {
                            if (type != null) {
                                checksumType = String.valueOf(r.getAttributeValue(null, "type")).toLowerCase(Locale.ROOT);
                                checksum = r.getElementText().strip().toLowerCase(Locale.ROOT);
                            }
                        }
                        case "location" -> location = r.getAttributeValue(null, "href");
                        case "size" -> size = type == null ? size : parseLong(r.getElementText());
                        case "timestamp" -> timestamp = type == null ? timestamp : parseLong(r.getElementText());
                        default -> {
                            // open-checksum, open-size, database_version, tags: not needed
                        }
                    }
                } else if (ev == XMLStreamConstants.END_ELEMENT && r.getLocalName().equals("data") && type != null) {
                    if (checksum != null && location != null) {
                        out.put(type, new Data(type, checksumType, checksum, location, size, timestamp));
                    }
                    type = null;
                }
            }
            if (!sawRoot) {
                throw new IOException("not a repomd.xml (no <repomd> element)");
            }
        } catch (XMLStreamException | RuntimeException e) {
            throw new IOException("unreadable repomd.xml: " + e.getMessage(), e);
        }
        return new RepoMd(revision, out, sha256);
    }

    /** The newest timestamp the file carries (a numeric revision, or the newest data timestamp), or null. */
    OffsetDateTime date() {
        long t = 0;
        if (revision != null && revision.matches("\\d{9,11}")) {
            t = Long.parseLong(revision);
        }
        for (Data d : data.values()) {
            t = Math.max(t, d.timestamp());
        }
        return t <= 0 ? null : OffsetDateTime.ofInstant(Instant.ofEpochSecond(t), ZoneOffset.UTC);
    }

    private static long parseLong(String s) {
        try {
            return Long.parseLong(s.strip());
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
