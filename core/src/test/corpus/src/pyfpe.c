/* Refers to PyFPE_jbuf, which only a CPython configured --with-fpectl defines (PEP 513 forbids it). */
typedef unsigned long size_t;
void *memset(void *, int, size_t);
extern char PyFPE_jbuf[];

void *PyInit__fpe(void) {
    memset(PyFPE_jbuf, 0, 1);
    return PyFPE_jbuf;
}
