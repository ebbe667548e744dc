#pragma once
// RAII owners for libcurl objects, one per type, created on the line that creates the object
// (as ossl/ptr.h does for OpenSSL). EnsureCurlGlobalInit() runs curl_global_init once per process;
// every function here that makes a handle calls it first.
#include <curl/curl.h>

#include <memory>

namespace phonecert::provision {

struct CurlEasyFree {
  void operator()(CURL* p) const noexcept { curl_easy_cleanup(p); }
};
struct CurlSlistFree {
  void operator()(curl_slist* p) const noexcept { curl_slist_free_all(p); }
};
struct CurlUrlFree {
  void operator()(CURLU* p) const noexcept { curl_url_cleanup(p); }
};
struct CurlStringFree {
  void operator()(char* p) const noexcept { curl_free(p); }
};

using CurlEasyPtr = std::unique_ptr<CURL, CurlEasyFree>;
using CurlSlistPtr = std::unique_ptr<curl_slist, CurlSlistFree>;
using CurlUrlPtr = std::unique_ptr<CURLU, CurlUrlFree>;
using CurlStringPtr = std::unique_ptr<char, CurlStringFree>;

// curl_global_init(CURL_GLOBAL_DEFAULT) exactly once (thread-safe); false when it failed.
bool EnsureCurlGlobalInit();

// A new easy handle (null when libcurl cannot make one).
CurlEasyPtr NewEasy();
// A new URL handle (null when libcurl cannot make one).
CurlUrlPtr NewUrl();

}  // namespace phonecert::provision
