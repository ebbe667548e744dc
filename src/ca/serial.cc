#include "ca/serial.h"

#include <cctype>

#include "ossl/error.h"

namespace phonecert::ca {

Result<ossl::Asn1IntegerPtr> RandomSerial() {
  ossl::BignumPtr bn(BN_new());
  if (!bn || BN_rand(bn.get(), 128, BN_RAND_TOP_ONE, BN_RAND_BOTTOM_ANY) != 1) {
    return ossl::FailWithQueue(Code::kInternal, "generating a random serial number failed");
  }
  ossl::Asn1IntegerPtr serial(BN_to_ASN1_INTEGER(bn.get(), nullptr));
  if (!serial) return ossl::FailWithQueue(Code::kInternal, "encoding the serial number failed");
  return serial;
}

std::string SerialHex(const ASN1_INTEGER* serial) {
  ossl::BignumPtr bn(ASN1_INTEGER_to_BN(serial, nullptr));
  if (!bn) return {};
  ossl::OpenSslStringPtr hex(BN_bn2hex(bn.get()));
  return hex ? std::string(hex.get()) : std::string();
}

std::string SerialHex(const Certificate& cert) {
  return SerialHex(X509_get0_serialNumber(cert.native()));
}

Result<std::string> NormalizeSerial(std::string_view text) {
  std::string_view s = text;
  if (s.starts_with("0x") || s.starts_with("0X")) s.remove_prefix(2);
  std::string hex;
  for (char c : s) {
    unsigned char u = static_cast<unsigned char>(c);
    if (std::isxdigit(u)) {
      hex += static_cast<char>(std::toupper(u));
    } else if (c != ':' && c != ' ') {
      return Fail(Code::kInvalidArgument, "\"" + std::string(text) +
                                              "\" is not a serial number (hex digits, as "
                                              "`phonecert ca issue` and `openssl x509 -serial` "
                                              "print it)");
    }
  }
  std::size_t first = hex.find_first_not_of('0');
  if (hex.empty()) {
    return Fail(Code::kInvalidArgument, "the serial number is empty");
  }
  if (hex.size() > 40) {
    return Fail(Code::kInvalidArgument, "\"" + std::string(text) +
                                            "\" is longer than a serial number can be (20 bytes)");
  }
  return first == std::string::npos ? std::string("0") : hex.substr(first);
}

Result<ossl::Asn1IntegerPtr> SerialFromHex(std::string_view hex) {
  std::string h(hex);
  ossl::BignumPtr bn(BN_new());
  BIGNUM* target = bn.get();  // BN_hex2bn writes into an existing BIGNUM
  if (!bn || h.empty() || BN_hex2bn(&target, h.c_str()) != static_cast<int>(h.size())) {
    return Fail(Code::kInvalidArgument, "\"" + h + "\" is not a hex serial number");
  }
  ossl::Asn1IntegerPtr serial(BN_to_ASN1_INTEGER(bn.get(), nullptr));
  if (!serial) return ossl::FailWithQueue(Code::kInternal, "encoding the serial number failed");
  return serial;
}

}  // namespace phonecert::ca
