#include "ca/file_roles.h"

namespace phonecert::ca {

std::string_view FileRoleAdvice(FileRole role) {
  switch (role) {
    case FileRole::kRootCertificate:
      return "the root CA certificate. Give it to every phone: web page Security -> Trusted "
             "Certificates -> upload, or publish it and set static.trusted_certificates.url. "
             "Clients of your servers trust it too (curl --cacert).";
    case FileRole::kRootKey:
      return "the root CA's private key. Keep it here (or offline); it never goes to a phone or "
             "server.";
    case FileRole::kIntermediateCertificate:
      return "the issuing CA certificate; it is already inside every -fullchain.pem and "
             "-bundle.pem.";
    case FileRole::kIntermediateKey:
      return "the issuing CA's private key. Keep it here; it signs new certificates.";
    case FileRole::kServerCertificate:
      return "the server certificate alone (for inspection, or servers that take the chain "
             "separately).";
    case FileRole::kServerKey:
      return "for the server: its private key (nginx ssl_certificate_key, Apache "
             "SSLCertificateKeyFile). Copy it securely; keep it 0600.";
    case FileRole::kServerFullChain:
      return "for the server: certificate + chain (nginx ssl_certificate, Apache "
             "SSLCertificateFile).";
    case FileRole::kDeviceCertificate:
      return "the phone's certificate alone (for inspection).";
    case FileRole::kDeviceKey:
      return "the phone's private key (also inside the bundle).";
    case FileRole::kDeviceBundle:
      return "for the phone: certificate + chain + private key in one PEM. Upload it at "
             "Security -> Server Certificates, or publish it (HTTPS only: it holds the key) and "
             "set static.server_certificates.url; then static.security.dev_cert = 1.";
    case FileRole::kDevicePkcs12:
      return "the same as the bundle in PKCS#12 form (password as given), for phones and "
             "Windows tools that take .p12.";
    case FileRole::kSignedCertificate:
      return "the signed certificate: send it back to whoever made the request (their key never "
             "came here).";
    case FileRole::kSignedFullChain:
      return "the signed certificate + chain: what the requester installs with its own key "
             "(a server's ssl_certificate, or `phonecert device install` on the phone).";
    case FileRole::kIndex:
      return "the record of issued and revoked serial numbers (for `ca revoke` and `ca crl`).";
    case FileRole::kCrl:
      return "the certificate revocation list of the issuing CA: publish it where clients fetch "
             "CRLs.";
    case FileRole::kRootCrl:
      return "the root's revocation list (it can revoke the issuing CA): publish it too.";
  }
  return "";
}

bool HoldsPrivateKey(FileRole role) {
  switch (role) {
    case FileRole::kRootKey:
    case FileRole::kIntermediateKey:
    case FileRole::kServerKey:
    case FileRole::kDeviceKey:
    case FileRole::kDeviceBundle:
    case FileRole::kDevicePkcs12:
      return true;
    default:
      return false;
  }
}

}  // namespace phonecert::ca
