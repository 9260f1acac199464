/* An extension that calls a helper library shipped beside it in <pkg>.libs/ (as auditwheel repair lays it out). */
typedef unsigned long size_t;
void *memset(void *, int, size_t);
int helper_run(int);

void *PyInit__core(void) {
    char b[8];
    memset(b, helper_run(2), sizeof b);
    return 0;
}
