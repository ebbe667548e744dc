#pragma once
// Memory BIO helpers.
#include <string>
#include <string_view>

#include "ossl/ptr.h"

namespace phonecert::ossl {

// A read-only memory BIO over `data` (which must outlive it).
BioPtr ReadBio(std::string_view data);
// A fresh writable memory BIO.
BioPtr WriteBio();
// Everything written to a memory BIO so far.
std::string BioContents(BIO* bio);

}  // namespace phonecert::ossl
