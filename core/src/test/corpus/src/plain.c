/* A CPython extension module's entry point that uses libc functions of glibc's (or musl's) oldest versions. */
typedef unsigned long size_t;
void *malloc(size_t);
void *memset(void *, int, size_t);
void free(void *);

void *PyInit__plain(void) {
    char *p = malloc(16);
    if (p) {
        memset(p, 0, 16);
        free(p);
    }
    return 0;
}
