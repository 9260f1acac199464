/* Starts a thread: pthread_create moved into libc.so.6 in glibc 2.34 (GLIBC_2.34). */
typedef unsigned long pthread_t;
int pthread_create(pthread_t *, const void *, void *(*)(void *), void *);
int pthread_join(pthread_t, void **);

static void *work(void *arg) {
    return arg;
}

void *PyInit__threads(void) {
    pthread_t t;
    if (pthread_create(&t, 0, work, 0) == 0) {
        pthread_join(t, 0);
    }
    return 0;
}
