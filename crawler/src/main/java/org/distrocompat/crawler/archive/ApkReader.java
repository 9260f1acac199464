package org.distrocompat.crawler.archive;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;

/**
 * Alpine's apk v2 containers, read as their gzip streams: a package ({@code .apk}) is a signature segment, a
 * control segment holding {@code .PKGINFO} and a data segment with the files; an {@code APKINDEX.tar.gz} is a
 * signature segment and the index segment. The segments are tars cut before their end-of-archive blocks, so each
 * is read on its own. What is signed or hashed is a segment's compressed bytes ({@link GzipStreams}); checking
 * them is the source's business, this class only takes the containers apart.
 */
public final class ApkReader {
    /** The maximum size of a segment's decompressed files read into memory (.PKGINFO, APKINDEX, signatures). */
    private static final int MAX_TEXT = 64 << 20;

    private ApkReader() {
    }

    /** A container split into its segments (compressed bytes of each gzip stream, in order). */
    public record Segments(byte[] bytes, List<GzipStreams.Stream> streams) {
        public int count() {
            return streams.size();
        }

        /** The compressed bytes of segment {@code i}. */
        public byte[] compressed(int i) {
            return streams.get(i).slice(bytes);
        }

        /** The regular files of segment {@code i} by name (small segments only: signatures, control, index). */
        public Map<String, byte[]> files(int i) throws IOException {
            Map<String, byte[]> out = new LinkedHashMap<>();
            try (MemberReader tar = new TarMembers(gunzip(compressed(i)))) {
                Member m;
                while ((m = tar.next()) != null) {
                    if (m.kind() == Member.Kind.FILE) {
                        byte[] data = m.data().readNBytes(MAX_TEXT + 1);
                        if (data.length > MAX_TEXT) {
                            throw new IOException(m.name() + ": larger than " + (MAX_TEXT >> 20) + " MiB");
                        }
                        out.put(m.name(), data);
                    }
                }
            }
            return out;
        }

        /** The wanted shared libraries of segment {@code i} (a package's data segment), as the loader finds them. */
        public List<ExtractedLibrary> libraries(int i, LibrarySelector selector) throws IOException {
            try (MemberReader tar = new TarMembers(gunzip(compressed(i)))) {
                return PackageLibraries.read(tar, selector);
            }
        }
    }

    /** Splits an .apk or APKINDEX.tar.gz; an IOException names what is wrong. */
    public static Segments split(byte[] container) throws IOException {
        return new Segments(container, List.copyOf(GzipStreams.split(container)));
    }

    /** A text file's content as UTF-8. */
    public static String text(byte[] data) {
        return new String(data, StandardCharsets.UTF_8);
    }

    private static InputStream gunzip(byte[] stream) throws IOException {
        return GzipCompressorInputStream.builder().setInputStream(new ByteArrayInputStream(stream)).get();
    }
}
