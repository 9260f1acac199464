/* The JNI native for FreeBSD: also uses eventfd, which FreeBSD's libc.so.7 defines at FBSD_1.6 (13.0). */
typedef unsigned long size_t;
void *malloc(size_t);
void *memcpy(void *, const void *, size_t);
int eventfd(unsigned int, int);

int Java_org_example_Native_compute(void *env, void *cls, int n) {
    char *p = malloc(n + 1);
    memcpy(p, "x", 1);
    return eventfd(0, 0) + p[0];
}
