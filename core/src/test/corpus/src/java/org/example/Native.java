package org.example;

/** The Java side of the fixture natives: loads the platform's library. */
public final class Native {
    private Native() {
    }

    public static native int compute(int n);
}
