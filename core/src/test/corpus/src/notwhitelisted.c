/* Needs a library that no manylinux policy allows and the wheel does not ship. */
typedef unsigned long size_t;
void *memset(void *, int, size_t);
int demo_compute(int);

void *PyInit__demo(void) {
    char b[4];
    memset(b, demo_compute(1), sizeof b);
    return 0;
}
