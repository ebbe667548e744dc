#include "ossl/error.h"

#include <openssl/err.h>

namespace phonecert::ossl {

std::string DrainErrors() {
  std::string out;
  unsigned long e;
  while ((e = ERR_get_error()) != 0) {
    const char* reason = ERR_reason_error_string(e);
    if (!out.empty()) out += "; ";
    out += reason ? reason : ("error " + std::to_string(e));
  }
  return out;
}

void ClearErrors() { ERR_clear_error(); }

std::unexpected<Error> FailWithQueue(Code code, std::string what) {
  std::string queue = DrainErrors();
  if (!queue.empty()) what += " (" + queue + ")";
  return Fail(code, std::move(what));
}

}  // namespace phonecert::ossl
