// libcurl for Swift: curl_easy_setopt and curl_easy_getinfo are variadic, which Swift cannot call, so each
// argument type gets a small typed wrapper.
#include <curl/curl.h>

static inline CURLcode anaconda_curl_set_long(CURL *handle, CURLoption option, long value) {
    return curl_easy_setopt(handle, option, value);
}

static inline CURLcode anaconda_curl_set_pointer(CURL *handle, CURLoption option, const void *value) {
    return curl_easy_setopt(handle, option, value);
}

typedef size_t (*anaconda_curl_data_callback)(char *data, size_t size, size_t count, void *context);

static inline CURLcode anaconda_curl_set_callback(CURL *handle, CURLoption option, anaconda_curl_data_callback callback) {
    return curl_easy_setopt(handle, option, callback);
}

/// A copy of `length` bytes at `data` (CURL_BLOB_COPY): a CA bundle held in memory.
static inline CURLcode anaconda_curl_set_blob(CURL *handle, CURLoption option, const void *data, size_t length) {
    struct curl_blob blob = {(void *)data, length, CURL_BLOB_COPY};
    return curl_easy_setopt(handle, option, &blob);
}

static inline long anaconda_curl_response_code(CURL *handle) {
    long code = 0;
    curl_easy_getinfo(handle, CURLINFO_RESPONSE_CODE, &code);
    return code;
}

static inline void *anaconda_curl_private(CURL *handle) {
    char *pointer = NULL;
    curl_easy_getinfo(handle, CURLINFO_PRIVATE, &pointer);
    return pointer;
}

/// OpenSSL's certificate verification result (X509_V_OK is 0) of the transfer's last TLS handshake.
static inline long anaconda_curl_ssl_verify_result(CURL *handle) {
    long result = 0;
    curl_easy_getinfo(handle, CURLINFO_SSL_VERIFYRESULT, &result);
    return result;
}

static inline long anaconda_curl_os_errno(CURL *handle) {
    long code = 0;
    curl_easy_getinfo(handle, CURLINFO_OS_ERRNO, &code);
    return code;
}

/// The easy handle and result of a finished transfer (`msg == CURLMSG_DONE`), from curl_multi_info_read.
static inline CURL *anaconda_curl_done(CURLMsg *message, CURLcode *result) {
    if (message->msg != CURLMSG_DONE) return NULL;
    *result = message->data.result;
    return message->easy_handle;
}
