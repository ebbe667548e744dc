#pragma once
// What each file of a CA directory is for, in words for the administrator: which goes to the
// phone (and where in its web page / provisioning file), which to the server, which stays.
#include <string>
#include <string_view>

#include "ca/ca_dir.h"

namespace phonecert::ca {

// One or two sentences, no file name ("For the phones: Security -> Trusted Certificates ...").
std::string_view FileRoleAdvice(FileRole role);
// True for files that hold a private key.
bool HoldsPrivateKey(FileRole role);

}  // namespace phonecert::ca
