package org.distrocompat.crawler.archive;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;

/**
 * A zip written by hand, entry by entry, to say exactly where each header lies: how hostile zips are made (no zip
 * tool writes one that hides an entry inside another), for the tests of every module that reads zips.
 */
public final class RawZip {
    private final ByteArrayOutputStream file = new ByteArrayOutputStream();
    private final ByteArrayOutputStream directory = new ByteArrayOutputStream();
    private int entries;

    /** A local header and its stored data; returns the header's offset. */
    public int local(String name, byte[] data) {
        int offset = file.size();
        file.writeBytes(header(0x04034b50, name, data, -1));
        file.writeBytes(data);
        return offset;
    }

    /** A central directory entry for a stored {@code name} whose local header is at {@code offset}. */
    public RawZip central(String name, byte[] data, int offset) {
        directory.writeBytes(header(0x02014b50, name, data, offset));
        entries++;
        return this;
    }

    public byte[] bytes() {
        int cdOffset = file.size();
        ByteBuffer end = ByteBuffer.allocate(22).order(ByteOrder.LITTLE_ENDIAN);
        end.putInt(0x06054b50).putShort((short) 0).putShort((short) 0).putShort((short) entries)
                .putShort((short) entries).putInt(directory.size()).putInt(cdOffset).putShort((short) 0);
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        all.writeBytes(file.toByteArray());
        all.writeBytes(directory.toByteArray());
        all.writeBytes(end.array());
        return all.toByteArray();
    }

    private static byte[] header(int signature, String name, byte[] data, int offset) {
        byte[] n = name.getBytes(StandardCharsets.UTF_8);
        CRC32 crc = new CRC32();
        crc.update(data);
        boolean central = offset >= 0;
        ByteBuffer b = ByteBuffer.allocate((central ? 46 : 30) + n.length).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(signature);
        if (central) {
            b.putShort((short) 20); // version made by
        }
        b.putShort((short) 20).putShort((short) 0x0800).putShort((short) 0) // version, UTF-8 names, STORED
                .putShort((short) 0).putShort((short) 0x21) // time, date
                .putInt((int) crc.getValue()).putInt(data.length).putInt(data.length)
                .putShort((short) n.length).putShort((short) 0);
        if (central) {
            b.putShort((short) 0).putShort((short) 0).putShort((short) 0).putInt(0).putInt(offset);
        }
        return b.put(n).array();
    }

    /**
     * A zip whose central directory lists {@code hiddenName} inside the stored data of {@code outerName}: a streaming
     * reader sees only the outer entry (whose data does not even start like a zip), an installer (reading the central
     * directory) both.
     */
    public static byte[] hiding(String outerName, String hiddenName, byte[] hiddenData) {
        byte[] padding = "# data, then a local header nobody streams to\n".getBytes(StandardCharsets.US_ASCII);
        RawZip inner = new RawZip();
        inner.file.writeBytes(padding);
        inner.local(hiddenName, hiddenData);
        byte[] innerBytes = inner.file.toByteArray();
        RawZip zip = new RawZip();
        int outer = zip.local(outerName, innerBytes);
        int hidden = outer + 30 + outerName.getBytes(StandardCharsets.UTF_8).length + padding.length;
        return zip.central(outerName, innerBytes, outer).central(hiddenName, hiddenData, hidden).bytes();
    }
}
