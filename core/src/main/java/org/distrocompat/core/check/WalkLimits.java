package org.distrocompat.core.check;

/**
 * Safety limits of an input walk, so that memory stays bounded whatever an archive declares (defaults: 512 MiB
 * per ELF file, 4 GiB decompressed per input, a million members): the largest ELF
 * member read into memory, the most bytes one input may decompress to (everything a gzip/xz/zstd/bzip2 stream,
 * a zip entry or a .deb's data.tar yields, counted as it is read or skipped), and the most members it may hold.
 * Archives nest at most one level (a jar in a zip); deeper archives are skipped and reported.
 */
public record WalkLimits(long maxElfBytes, long maxTotalBytes, long maxEntries) {
    public static final WalkLimits DEFAULT = new WalkLimits(512L << 20, 4L << 30, 1_000_000);

    public WalkLimits {
        if (maxElfBytes <= 0 || maxElfBytes > Integer.MAX_VALUE - 16) {
            throw new IllegalArgumentException("maxElfBytes out of range: " + maxElfBytes);
        }
    }
}
