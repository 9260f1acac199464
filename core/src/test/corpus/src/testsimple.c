/* The smallest extension module: calls nothing, so a linker with --as-needed records no DT_NEEDED at all. */
void *PyInit_testsimple(void) {
    return 0;
}
