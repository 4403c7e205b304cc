#ifndef OMBUD_CCURL_SHIM_H
#define OMBUD_CCURL_SHIM_H

#include <curl/curl.h>

/* curl_easy_setopt / curl_easy_getinfo are variadic, which Swift cannot call.
   These typed wrappers are the only C the crawler needs. */

typedef size_t (*ombud_curl_write_callback)(char *ptr, size_t size, size_t nmemb, void *userdata);

static inline CURLcode ombud_curl_setopt_long(CURL *handle, CURLoption option, long value) {
    return curl_easy_setopt(handle, option, value);
}

static inline CURLcode ombud_curl_setopt_string(CURL *handle, CURLoption option, const char *value) {
    return curl_easy_setopt(handle, option, value);
}

static inline CURLcode ombud_curl_setopt_pointer(CURL *handle, CURLoption option, void *value) {
    return curl_easy_setopt(handle, option, value);
}

static inline CURLcode ombud_curl_setopt_write_callback(CURL *handle, CURLoption option, ombud_curl_write_callback value) {
    return curl_easy_setopt(handle, option, value);
}

static inline CURLcode ombud_curl_getinfo_long(CURL *handle, CURLINFO info, long *value) {
    return curl_easy_getinfo(handle, info, value);
}

static inline CURLcode ombud_curl_getinfo_string(CURL *handle, CURLINFO info, char **value) {
    return curl_easy_getinfo(handle, info, value);
}

static inline CURLcode ombud_curl_getinfo_pointer(CURL *handle, CURLINFO info, void **value) {
    return curl_easy_getinfo(handle, info, value);
}

static inline CURLMcode ombud_curl_multi_setopt_long(CURLM *handle, CURLMoption option, long value) {
    return curl_multi_setopt(handle, option, value);
}

static inline CURLSHcode ombud_curl_share_setopt_long(CURLSH *handle, CURLSHoption option, long value) {
    return curl_share_setopt(handle, option, value);
}

/* CURLMsg's payload is a union; Swift reads the result through this. */
static inline CURLcode ombud_curl_msg_result(CURLMsg *message) {
    return message->data.result;
}

#endif
