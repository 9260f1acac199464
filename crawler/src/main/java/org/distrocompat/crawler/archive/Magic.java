package org.distrocompat.crawler.archive;

/** A test on the first bytes of a stream: the signature ("magic number") a format starts with. */
@FunctionalInterface
interface Magic {
    boolean matches(byte[] head);

    /** Exactly these byte values (0-255) at {@code offset}. */
    static Magic bytes(int offset, int... expected) {
        return head -> {
            if (head.length < offset + expected.length) {
                return false;
            }
            for (int i = 0; i < expected.length; i++) {
                if ((head[offset + i] & 0xff) != expected[i]) {
                    return false;
                }
            }
            return true;
        };
    }

    /** These characters (all below 256, one byte each) at {@code offset}. */
    static Magic ascii(int offset, String expected) {
        return bytes(offset, expected.chars().toArray());
    }

    /** One byte in {@code [low, high]} at {@code offset}. */
    static Magic range(int offset, int low, int high) {
        return head -> head.length > offset && (head[offset] & 0xff) >= low && (head[offset] & 0xff) <= high;
    }

    default Magic and(Magic next) {
        return head -> matches(head) && next.matches(head);
    }
}
