#include "provision/curl_ptr.h"

#include <mutex>

namespace phonecert::provision {

bool EnsureCurlGlobalInit() {
  static std::once_flag once;
  static bool ok = false;
  std::call_once(once, [] { ok = curl_global_init(CURL_GLOBAL_DEFAULT) == CURLE_OK; });
  return ok;
}

CurlEasyPtr NewEasy() {
  if (!EnsureCurlGlobalInit()) return nullptr;
  return CurlEasyPtr(curl_easy_init());
}

CurlUrlPtr NewUrl() {
  if (!EnsureCurlGlobalInit()) return nullptr;
  return CurlUrlPtr(curl_url());
}

}  // namespace phonecert::provision
