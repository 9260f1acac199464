/* Uses zlib's internal allocator: zcalloc/zcfree were exported by some zlib builds and not by others, so every
 * manylinux policy blacklists them (a wheel that links them runs only where libz happens to export them). */
void *zcalloc(void *opaque, unsigned items, unsigned size);
void zcfree(void *opaque, void *ptr);
const char *zlibVersion(void);

void *PyInit__zint(void) {
    void *p = zcalloc(0, 1, 8);
    zcfree(0, p);
    return (void *) zlibVersion();
}
