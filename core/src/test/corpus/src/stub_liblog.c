/* Link-time stand-in for Android's liblog.so. */
int __android_log_write(int prio, const char *tag, const char *text) { return 0; }
