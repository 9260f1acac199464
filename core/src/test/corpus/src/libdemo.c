/* The library notwhitelisted.c links (built only to link against; not shipped). */
int demo_compute(int x) {
    return x + 1;
}
