/* The JNI native for Solaris/illumos: also uses explicit_bzero, at SUNW_1.22 (Solaris 11.4) in libc.so.1. */
typedef unsigned long size_t;
void *malloc(size_t);
void *memcpy(void *, const void *, size_t);
void explicit_bzero(void *, size_t);

int Java_org_example_Native_compute(void *env, void *cls, int n) {
    char *p = malloc(n + 1);
    memcpy(p, "x", 1);
    explicit_bzero(p, 1);
    return p[0];
}
