#pragma once
// The on-disk CA directory an administrator keeps (`phonecert ca ...`). Files, with predictable
// names (keys 0600, everything else 0644, each written atomically):
//   ca.pem / ca.key                      the root CA
//   intermediate.pem / intermediate.key  optional issuing CA under the root
//   <host>.pem / <host>.key / <host>-fullchain.pem        a server (fullchain: leaf + issuers
//                                                         below the root)
//   <mac>.pem / <mac>.key / <mac>-bundle.pem [/ <mac>.p12] a phone (bundle: leaf + issuers + key
//                                                         in one PEM; MAC as 12 lower-case hex)
//   <stem>.pem / <stem>-fullchain.pem    a signed CSR (no key: it stays with the requester)
//   index.tsv, crlnumber                 what was issued and revoked (CaIndex)
//   crl.pem [/ root-crl.pem]             CRL of the issuing CA [and of the root, when there is
//                                        an intermediate]
//   .lock                                held while a command changes the directory
// New certificates are issued by the intermediate when there is one, else by the root. Existing
// files are never replaced unless `force` is set (Code::kExists names the first one found).
// Time is passed in; not_before is `now` minus kBackdate, for phones whose clock is a little
// behind.
#include <chrono>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "base/error.h"
#include "base/time.h"
#include "ca/ca_index.h"
#include "ca/issue.h"
#include "ca/keygen.h"
#include "x509/certificate.h"
#include "x509/private_key.h"

namespace phonecert::ca {

inline constexpr std::chrono::minutes kBackdate{5};

enum class FileRole {
  kRootCertificate,
  kRootKey,
  kIntermediateCertificate,
  kIntermediateKey,
  kServerCertificate,
  kServerKey,
  kServerFullChain,
  kDeviceCertificate,
  kDeviceKey,
  kDeviceBundle,
  kDevicePkcs12,
  kSignedCertificate,
  kSignedFullChain,
  kIndex,
  kCrl,
  kRootCrl,
};

struct WrittenFile {
  std::filesystem::path path;
  FileRole role;
};

struct InitOptions {
  std::string name = "phonecert Root CA";  // the root's Common Name
  KeyType key = KeyType::kEcP256;
  std::optional<int> days;                 // default: kDefaultCaDays
  bool intermediate = false;               // also create intermediate.pem/.key (pathlen 0)
  bool force = false;                      // replace an existing CA (and reset its index)
};

struct ServerOptions {
  std::string name;                     // host name or IP: CN, first SAN, file name
  std::vector<std::string> alt_names;   // more DNS names / IPs
  KeyType key = KeyType::kEcP256;
  std::optional<int> days;              // default: kDefaultLeafDays
  bool force = false;
};

struct DeviceOptions {
  std::string mac;                      // any NormalizeMac form
  std::vector<std::string> alt_names;   // optional DNS names / IPs of the phone
  KeyType key = KeyType::kEcP256;
  std::optional<int> days;
  std::optional<std::string> pkcs12_password;  // set: also write <mac>.p12
  bool force = false;
};

struct SignOptions {
  std::string csr;                      // the request's bytes (PEM or DER)
  CertificateKind kind = CertificateKind::kServer;  // kServer or kDevice
  std::optional<int> days;
  bool force = false;
};

struct Issued {
  Certificate certificate;
  std::vector<WrittenFile> files;
  std::vector<std::string> dropped;     // SignRequest: what the CSR asked for and did not get
};

struct Revoked {
  IndexEntry entry;
};

class CaDirectory {
 public:
  // Creates DIR (0700) when missing, then the root [and intermediate] and an empty index.
  static Result<std::vector<WrittenFile>> Init(const std::filesystem::path& dir,
                                               const InitOptions& options, TimePoint now);
  // Loads the CA of DIR (Code::kNotFound when there is none; Code::kKeyMismatch when a key does
  // not belong to its certificate).
  static Result<CaDirectory> Open(const std::filesystem::path& dir);

  Result<Issued> IssueServer(const ServerOptions& options, TimePoint now) const;
  Result<Issued> IssueDevice(const DeviceOptions& options, TimePoint now) const;
  Result<Issued> SignRequest(const SignOptions& options, TimePoint now) const;
  // Marks a serial issued from this directory as revoked (Code::kNotFound for an unknown serial,
  // Code::kDuplicate when already revoked). The CRL changes on the next WriteCrl.
  Result<Revoked> Revoke(std::string_view serial, TimePoint now) const;
  // Writes crl.pem (and root-crl.pem when there is an intermediate) with the next CRL number.
  Result<std::vector<WrittenFile>> WriteCrl(TimePoint now, int next_update_days) const;

  const std::filesystem::path& dir() const { return dir_; }
  const Certificate& root() const { return root_; }
  bool has_intermediate() const { return intermediate_.has_value(); }
  // The certificate that signs new certificates, and the chain sent after a leaf (issuers
  // below the root: the intermediate, or nothing).
  const Certificate& issuer() const { return intermediate_ ? *intermediate_ : root_; }
  std::vector<Certificate> chain() const;

 private:
  CaDirectory(std::filesystem::path dir, Certificate root, PrivateKey root_key,
              std::optional<Certificate> intermediate, std::optional<PrivateKey> intermediate_key)
      : dir_(std::move(dir)), root_(std::move(root)), root_key_(std::move(root_key)),
        intermediate_(std::move(intermediate)), intermediate_key_(std::move(intermediate_key)) {}
  const PrivateKey& issuer_key() const { return intermediate_key_ ? *intermediate_key_ : root_key_; }
  Status Record(const Certificate& cert, CertificateKind kind, const std::string& name) const;

  std::filesystem::path dir_;
  Certificate root_;
  PrivateKey root_key_;
  std::optional<Certificate> intermediate_;
  std::optional<PrivateKey> intermediate_key_;
};

// Fixed file names inside a CA directory.
struct CaFiles {
  static constexpr const char* kRootCert = "ca.pem";
  static constexpr const char* kRootKey = "ca.key";
  static constexpr const char* kIntermediateCert = "intermediate.pem";
  static constexpr const char* kIntermediateKey = "intermediate.key";
  static constexpr const char* kIndex = "index.tsv";
  static constexpr const char* kCrlNumber = "crlnumber";
  static constexpr const char* kCrl = "crl.pem";
  static constexpr const char* kRootCrl = "root-crl.pem";
};

}  // namespace phonecert::ca
