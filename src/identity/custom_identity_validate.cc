#include "identity/custom_identity_validate.h"

#include <openssl/x509v3.h>

namespace phonecert {
namespace {

// Whether `issuer` issued `subject` (names, AKI/SKI and key usage; not the signature).
bool Issued(const Certificate& issuer, const Certificate& subject) {
  return X509_check_issued(issuer.native(), subject.native()) == X509_V_OK;
}

// Which certificate the key belongs to, or a refusal naming why there is none.
struct KeyChoice {
  std::size_t index = 0;
  PrivateKey key;
  bool pending = false;
};

Result<KeyChoice> ChooseKey(const Loaded& loaded, const CustomValidateOptions& options) {
  if (loaded.key) {
    if (!loaded.key_certificate_index) {
      return Fail(Code::kKeyMismatch,
                  "the private key does not match the certificate" +
                      std::string(loaded.certificates.size() == 1 ? "" : "s") + " in the file");
    }
    return KeyChoice{*loaded.key_certificate_index, *loaded.key, false};
  }
  for (const auto* device_key : {&options.pending_key, &options.installed_key}) {
    if (!*device_key) continue;
    for (std::size_t i = 0; i < loaded.certificates.size(); ++i) {
      if ((*device_key)->Matches(loaded.certificates[i])) {
        return KeyChoice{i, **device_key, device_key == &options.pending_key};
      }
    }
  }
  if (options.pending_key) {
    return Fail(Code::kKeyMismatch,
                "the file holds no private key, and its certificate does not match the key made "
                "by `phonecert device csr` (was it issued for another request?)");
  }
  return Fail(Code::kNoPrivateKey,
              "the file holds no private key, and no key is waiting for a certificate (put the "
              "key in the same PEM file, use PKCS#12, or start with `phonecert device csr`)");
}

Status CheckValidity(const Certificate& leaf, const CustomValidateOptions& options) {
  if (options.allow_expired) return {};
  if (options.now > leaf.NotAfter()) {
    return Fail(Code::kExpired, "the certificate \"" + leaf.IssuedTo() + "\" expired on " +
                                    FormatDate(leaf.NotAfter()) +
                                    "; a phone presenting it breaks its clients (installing it "
                                    "anyway needs --allow-expired)");
  }
  if (options.now < leaf.NotBefore()) {
    return Fail(Code::kNotYetValid, "the certificate \"" + leaf.IssuedTo() +
                                        "\" is not valid before " +
                                        FormatDate(leaf.NotBefore()) +
                                        " (installing it anyway needs --allow-expired)");
  }
  return {};
}

bool LacksServerAuth(const Certificate& leaf) {
  X509* x = leaf.native();
  return (X509_get_extension_flags(x) & EXFLAG_XKUSAGE) != 0 &&
         (X509_get_extended_key_usage(x) & XKU_SSL_SERVER) == 0;
}

}  // namespace

std::vector<Certificate> OrderChain(const Certificate& leaf,
                                    const std::vector<Certificate>& others) {
  std::vector<Certificate> chain;
  std::vector<bool> used(others.size(), false);
  const Certificate* current = &leaf;
  while (!current->IsSelfIssued()) {
    std::size_t found = others.size();
    for (std::size_t i = 0; i < others.size(); ++i) {
      if (!used[i] && !(others[i] == *current) && Issued(others[i], *current)) {
        found = i;
        break;
      }
    }
    if (found == others.size()) break;
    used[found] = true;
    chain.push_back(others[found]);
    current = &chain.back();
  }
  return chain;
}

Result<ValidatedCustomIdentity> ValidateCustomIdentity(const Loaded& loaded,
                                                       const CustomValidateOptions& options) {
  if (loaded.certificates.empty()) {
    return Fail(Code::kNotCertificate, loaded.key ? "the file holds a private key but no certificate"
                                                  : "the file holds no certificate");
  }
  auto choice = ChooseKey(loaded, options);
  if (!choice) return std::unexpected(choice.error());
  const Certificate& leaf = loaded.certificates[choice->index];
  if (leaf.IsCa()) {
    return Fail(Code::kCaAsLeaf,
                "the certificate \"" + leaf.IssuedTo() +
                    "\" is a CA certificate (basicConstraints CA:TRUE); a device certificate "
                    "must be an end-entity certificate issued by the CA");
  }
  if (auto s = CheckValidity(leaf, options); !s) return std::unexpected(s.error());

  std::vector<Certificate> others;
  for (std::size_t i = 0; i < loaded.certificates.size(); ++i) {
    if (i != choice->index) others.push_back(loaded.certificates[i]);
  }
  std::vector<Certificate> chain = OrderChain(leaf, others);
  std::vector<std::string> notes;
  if (std::size_t left = others.size() - chain.size(); left > 0) {
    notes.push_back(std::to_string(left) + " certificate" + (left == 1 ? "" : "s") +
                    " in the file not on the leaf's issuer path left out");
  }
  if (LacksServerAuth(leaf)) {
    notes.push_back("the certificate's extended key usage lacks serverAuth: TLS clients may "
                    "refuse it");
  }
  if (options.now > leaf.NotAfter()) {
    notes.push_back("installed although it expired on " + FormatDate(leaf.NotAfter()));
  } else if (options.now < leaf.NotBefore()) {
    notes.push_back("installed although it is not valid before " + FormatDate(leaf.NotBefore()));
  }
  if (choice->pending) {
    notes.push_back("the key is the one `phonecert device csr` made on the device");
  } else if (!loaded.key) {
    notes.push_back("the key is the one of the custom certificate installed before");
  }

  auto identity = MakeIdentity(IdentityKind::kCustom, leaf, std::move(chain), choice->key);
  if (!identity) return std::unexpected(identity.error());
  return ValidatedCustomIdentity{std::move(*identity), choice->pending, std::move(notes)};
}

}  // namespace phonecert
