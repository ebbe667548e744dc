#pragma once
// Every failing OpenSSL call drains the thread's error queue into our Error.
#include <string>

#include "base/error.h"

namespace phonecert::ossl {

// Empties the OpenSSL error queue and returns its entries as "reason; reason".
std::string DrainErrors();

// Clears the queue without reading it (before a call whose failure we interpret ourselves).
void ClearErrors();

// An Error whose detail is `what`, followed by OpenSSL's reasons when there are any.
std::unexpected<Error> FailWithQueue(Code code, std::string what);

}  // namespace phonecert::ossl
