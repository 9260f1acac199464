/* A JNI native that calls nothing: for the Mach-O and PE natives (no SDK here) and a libc-free Linux one. */
int Java_org_example_Native_compute(void *env, void *cls, int n) {
    return n * 2 + 1;
}
