#pragma once
// describe: the RFC 5280 fields of a certificate, organised for a person, plus the summary the
// phone's web page shows (Issued To / Issued By / Expiration).
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "x509/certificate.h"

namespace phonecert {

struct ExtensionDescription {
  std::string oid;             // "2.5.29.17"
  std::string name;            // "subjectAltName", or the OID when unknown
  bool critical = false;
  bool known = true;           // false: OpenSSL has no decoder; values hold the DER in hex
  std::vector<std::string> values;  // one entry per element ("DNS:server.test", "CA:TRUE")
};

struct PublicKeyDescription {
  std::string algorithm;  // "RSA", "EC", "Ed25519"
  int bits = 0;
  std::string curve;      // "P-256" for EC keys
  std::string summary;    // "RSA 2048", "EC P-256"
};

struct CertificateDescription {
  int version = 3;
  std::string serial;                // "0A:1B:..." (hex bytes, as openssl prints)
  std::string signature_algorithm;   // "sha256WithRSAEncryption"
  std::string issuer;
  std::string subject;
  std::string not_before;            // ISO 8601 UTC
  std::string not_after;
  PublicKeyDescription public_key;
  std::optional<std::string> issuer_unique_id;   // hex
  std::optional<std::string> subject_unique_id;  // hex
  std::vector<ExtensionDescription> extensions;
  std::string signature;             // hex of the signature value
  std::string sha1_fingerprint;
  std::string sha256_fingerprint;
  // The web page's summary.
  std::string issued_to;
  std::string issued_by;
  std::string expiration;            // "2099-12-31"
};

CertificateDescription Describe(const Certificate& cert);

nlohmann::json ToJson(const CertificateDescription& d);
// Multi-line text in the spirit of `openssl x509 -text`, organised for a person.
std::string ToText(const CertificateDescription& d);

}  // namespace phonecert
