/* The shipped helper: it starts a thread, so it needs pthread_create@GLIBC_2.34. */
typedef unsigned long pthread_t;
int pthread_create(pthread_t *, const void *, void *(*)(void *), void *);
int pthread_join(pthread_t, void **);

static void *work(void *arg) {
    return arg;
}

int helper_run(int n) {
    pthread_t t;
    if (pthread_create(&t, 0, work, 0) == 0) {
        pthread_join(t, 0);
    }
    return n * 2;
}
