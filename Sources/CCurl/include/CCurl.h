#ifndef CASECONSULTANT_CCURL_H
#define CASECONSULTANT_CCURL_H
#include <curl/curl.h>

// curl_easy_setopt is variadic, which Swift cannot call. One wrapper per argument type keeps
// every call typed: long for LONG options, curl_off_t for *_LARGE, pointers for OBJECTPOINT,
// and function pointers for callbacks.
CURLcode ccurl_setopt_long(CURL *handle, CURLoption option, long value);
CURLcode ccurl_setopt_off(CURL *handle, CURLoption option, curl_off_t value);
CURLcode ccurl_setopt_string(CURL *handle, CURLoption option, const char *value);
CURLcode ccurl_setopt_pointer(CURL *handle, CURLoption option, void *value);
CURLcode ccurl_setopt_slist(CURL *handle, CURLoption option, struct curl_slist *value);

typedef size_t (*ccurl_data_callback)(char *buffer, size_t size, size_t count, void *context);
CURLcode ccurl_setopt_write_function(CURL *handle, ccurl_data_callback callback);
CURLcode ccurl_setopt_header_function(CURL *handle, ccurl_data_callback callback);
CURLcode ccurl_setopt_read_function(CURL *handle, ccurl_data_callback callback);

CURLcode ccurl_getinfo_long(CURL *handle, CURLINFO info, long *value);

// The debug callback sees the commands curl sends (CURLINFO_HEADER_OUT): the only way to pair an
// SMTP reply with the RCPT TO it answers. It is only called while CURLOPT_VERBOSE is 1.
typedef int (*ccurl_debug_callback)(CURL *handle, curl_infotype type, char *data, size_t size, void *context);
CURLcode ccurl_setopt_debug_function(CURL *handle, ccurl_debug_callback callback);

// libcurl 7.88 spells this option with three Ls; newer releases add the two-L alias. Naming the
// option in C keeps the Swift side independent of which spelling the headers carry.
CURLoption ccurl_option_mail_rcpt_allowfails(void);

#endif
