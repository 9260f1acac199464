/* A Node-API addon: napi_* come from the node executable (unversioned), the rest from libc. */
typedef unsigned long size_t;
void *memset(void *, int, size_t);
typedef struct napi_env__ *napi_env;
typedef struct napi_value__ *napi_value;
int napi_create_int32(napi_env, int, napi_value *);

napi_value napi_register_module_v1(napi_env env, napi_value exports) {
    char b[4];
    napi_value v;
    memset(b, 0, sizeof b);
    napi_create_int32(env, b[0], &v);
    return exports;
}
