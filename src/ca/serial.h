#pragma once
// Certificate serial numbers: random, positive, exactly 128 bits (CA/Browser Forum asks for at
// least 64 random bits), written as upper-case hex without separators, as `openssl x509 -serial`
// prints them.
#include <string>
#include <string_view>

#include "base/error.h"
#include "ossl/ptr.h"
#include "x509/certificate.h"

namespace phonecert::ca {

// A fresh serial: 128 bits with the top bit set (so always 32 hex digits), 127 of them random.
Result<ossl::Asn1IntegerPtr> RandomSerial();

// "3F0A...": upper-case hex of the certificate's serial number.
std::string SerialHex(const Certificate& cert);
std::string SerialHex(const ASN1_INTEGER* serial);

// Accepts hex with optional "0x", colons or spaces, any case; returns the SerialHex form (leading
// zeros removed). Code::kInvalidArgument for anything else.
Result<std::string> NormalizeSerial(std::string_view text);

// The ASN1_INTEGER for a NormalizeSerial-form hex string.
Result<ossl::Asn1IntegerPtr> SerialFromHex(std::string_view hex);

}  // namespace phonecert::ca
