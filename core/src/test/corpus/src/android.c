/* An Android (bionic) extension: NEEDED libc.so and liblog.so. The ".note.android.ident" note is the one the
 * NDK's crtbegin_so.o adds (name "Android", type 1, the API level); without the NDK it is written here. */
typedef unsigned long size_t;
void *malloc(size_t);
int __android_log_write(int, const char *, const char *);

void *PyInit__droid(void) {
    __android_log_write(4, "droid", "init");
    return malloc(1);
}

int main(void) {
    return PyInit__droid() == 0;
}

__asm__(".pushsection .note.android.ident,\"a\",%note\n"
        ".balign 4\n.long 8\n.long 4\n.long 1\n.asciz \"Android\"\n.balign 4\n.long 24\n"
        ".popsection\n");
