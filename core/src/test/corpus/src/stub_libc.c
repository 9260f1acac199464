/* Link-time stand-in for a foreign OS's libc (bionic, FreeBSD, Solaris): only the names and the symbol versions
 * the natives bind to, per the version script beside it. Never shipped in a fixture. */
typedef unsigned long size_t;
void *malloc(size_t n) { return 0; }
void free(void *p) { }
void *memcpy(void *d, const void *s, size_t n) { return d; }
void *memset(void *d, int c, size_t n) { return d; }
int eventfd(unsigned int v, int f) { return -1; }
void explicit_bzero(void *p, size_t n) { }
