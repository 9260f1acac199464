/* Linked against libpython3.X.so: manylinux forbids it (the interpreter provides the symbols). */
void *PyLong_FromLong(long);

void *PyInit__pylink(void) {
    return PyLong_FromLong(42);
}
