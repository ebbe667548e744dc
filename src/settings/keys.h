#pragma once
// Named constants for the setting keys that code needs by name. The parameter table
// (parameters.h) is the only other place a key string appears; everything else uses these.
// Keys are canonical: lower case, with the `static.` prefix (PARAMETERS.md).
#include <array>
#include <string>
#include <string_view>

namespace phonecert::keys {

inline constexpr std::string_view kPrefix = "static.";

// Security → Trusted Certificates
inline constexpr std::string_view kTrustCertificates = "static.security.trust_certificates";
inline constexpr std::string_view kCnValidation = "static.security.cn_validation";
inline constexpr std::string_view kCaCert = "static.security.ca_cert";
inline constexpr std::string_view kTrustedCertificatesUrl = "static.trusted_certificates.url";
inline constexpr std::string_view kTrustedCertificatesDelete =
    "static.trusted_certificates.delete";
// Security → Server Certificates
inline constexpr std::string_view kDevCert = "static.security.dev_cert";
inline constexpr std::string_view kServerCertificatesUrl = "static.server_certificates.url";
inline constexpr std::string_view kServerCertificatesDelete = "static.server_certificates.delete";
// File only
inline constexpr std::string_view kReserveCertsEnable = "static.phone_setting.reserve_certs_enable";
inline constexpr std::string_view kDefaultSslMethod = "static.security.default_ssl_method";
// Settings → Auto Provision
inline constexpr std::string_view kAutoProvisionUrl = "static.auto_provision.server.url";
inline constexpr std::string_view kAutoProvisionUsername = "static.auto_provision.server.username";
inline constexpr std::string_view kAutoProvisionPassword = "static.auto_provision.server.password";
// Security → Password (the web administrator's password)
inline constexpr std::string_view kUserPassword = "static.security.user_password";

// The only value the two delete keys accept besides empty.
inline constexpr std::string_view kDeleteAllUrl = "http://localhost/all";

// Per-service overrides `static.security.<service>.<field>` (PARAMETERS.md, newer firmware);
// empty means "use the global key of the same field".
inline constexpr std::array<std::string_view, 4> kOverrideServices = {"auto_provision", "sip",
                                                                       "ldap", "web_server"};
inline constexpr std::string_view kFieldTrustCertificates = "trust_certificates";
inline constexpr std::string_view kFieldCaCert = "ca_cert";
inline constexpr std::string_view kFieldDevCert = "dev_cert";
inline constexpr std::string_view kFieldCnValidation = "cn_validation";

// "static.security.sip.ca_cert"
inline std::string ServiceOverride(std::string_view service, std::string_view field) {
  std::string key{kPrefix};
  key += "security.";
  key += service;
  key += '.';
  key += field;
  return key;
}

}  // namespace phonecert::keys
