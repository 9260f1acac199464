/* A JNI native method, built for every platform of the multi-platform jar and npm fixtures. */
typedef unsigned long size_t;
void *malloc(size_t);
void *memcpy(void *, const void *, size_t);
void free(void *);

int Java_org_example_Native_compute(void *env, void *cls, int n) {
    char *p = malloc(n + 1);
    if (!p) {
        return -1;
    }
    memcpy(p, "x", 1);
    n = p[0];
    free(p);
    return n;
}
