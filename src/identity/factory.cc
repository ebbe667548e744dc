#include "identity/factory.h"

#include <algorithm>
#include <chrono>

#include "base/file_io.h"
#include "base/mac.h"
#include "ca/issue.h"
#include "identity/custom_identity_validate.h"
#include "identity/identity_files.h"
#include "x509/load.h"

namespace phonecert {
namespace {

struct VendorCa {
  Certificate cert;                // the issuing CA
  std::vector<Certificate> chain;  // cert, then its issuers
  PrivateKey key;
};

Result<VendorCa> LoadVendorCa(const std::filesystem::path& cert_file,
                              const std::filesystem::path& key_file) {
  auto loaded = LoadCertificatesAndKey(cert_file, key_file);
  if (!loaded) return std::unexpected(loaded.error());
  const std::vector<Certificate>& certs = loaded->certificates;
  auto it = std::find_if(certs.begin(), certs.end(),
                         [&](const Certificate& c) { return loaded->key.Matches(c); });
  if (it == certs.end()) {
    return Fail(Code::kKeyMismatch, "the vendor CA key " + key_file.string() +
                                        " belongs to no certificate in " + cert_file.string());
  }
  if (!it->IsCa()) {
    return Fail(Code::kInvalidArgument, "the vendor certificate \"" + it->IssuedTo() +
                                            "\" is not a CA certificate");
  }
  std::vector<Certificate> others;
  for (const auto& c : certs) {
    if (!(c == *it)) others.push_back(c);
  }
  std::vector<Certificate> chain{*it};
  for (auto& c : OrderChain(*it, others)) chain.push_back(std::move(c));
  return VendorCa{*it, std::move(chain), loaded->key};
}

// The development default: the CA in the factory directory, created on first use.
Result<VendorCa> DevelopmentVendorCa(const FactoryPaths& fp, const FactoryInitOptions& options,
                                     bool& created) {
  std::error_code ec;
  if (std::filesystem::exists(fp.dev_vendor_ca(), ec)) {
    created = false;
    return LoadVendorCa(fp.dev_vendor_ca(), fp.dev_vendor_key());
  }
  auto key = ca::GenerateKey(options.key_type);
  if (!key) return std::unexpected(key.error());
  ca::IssueRequest request;
  request.profile.kind = ca::CertificateKind::kRootCa;
  request.profile.days = kDevVendorCaDays;
  request.subject.common_name = std::string(kDevVendorCaCommonName);
  request.subject.organization = "phonecert development default";
  request.not_before = options.now;
  auto cert = ca::Issue(request, *key, nullptr, *key);
  if (!cert) return std::unexpected(cert.error());
  if (auto s = WriteFileAtomic(fp.dev_vendor_key(), key->ToPkcs8PemForStorage(), {.mode = 0600});
      !s) {
    return std::unexpected(s.error());
  }
  if (auto s = WriteFileAtomic(fp.dev_vendor_ca(), cert->Pem(), {.mode = 0644}); !s) {
    return std::unexpected(s.error());
  }
  created = true;
  return VendorCa{*cert, {*cert}, *key};
}

Result<std::shared_ptr<const Identity>> IssueFactoryIdentity(IdentityKind kind,
                                                             std::string common_name,
                                                             const VendorCa& vendor,
                                                             const FactoryInitOptions& options) {
  using std::chrono::days;
  auto remaining = std::chrono::floor<days>(vendor.cert.NotAfter() - options.now).count();
  if (remaining < 1) {
    return Fail(Code::kExpired, "the vendor CA \"" + vendor.cert.IssuedTo() + "\" expires on " +
                                    FormatDate(vendor.cert.NotAfter()) +
                                    ": it cannot issue device certificates");
  }
  auto key = ca::GenerateKey(options.key_type);
  if (!key) return std::unexpected(key.error());
  ca::IssueRequest request;
  request.profile.kind = ca::CertificateKind::kDevice;
  request.profile.days = static_cast<int>(std::min<long>(kFactoryCertificateDays, remaining));
  request.subject.common_name = std::move(common_name);
  request.not_before = options.now;
  auto cert = ca::Issue(request, *key, &vendor.cert, vendor.key);
  if (!cert) return std::unexpected(cert.error());
  auto identity = MakeIdentity(kind, *cert, vendor.chain, *key);
  if (!identity) return std::unexpected(identity.error());
  return std::make_shared<const Identity>(std::move(*identity));
}

}  // namespace

Result<FactoryInitResult> FactoryInit(const StatePaths& paths, const FactoryInitOptions& options) {
  auto mac = NormalizeMac(options.mac);
  if (!mac) return std::unexpected(mac.error());
  if (options.vendor_ca.has_value() != options.vendor_key.has_value()) {
    return Fail(Code::kUsage, "the vendor CA certificate and its key go together "
                              "(--vendor-ca and --vendor-key)");
  }
  FactoryPaths fp = FactoryPathsOf(paths);
  FactoryState before = LoadFactory(paths);
  std::error_code ec;
  if (!options.overwrite &&
      (before.initialised || std::filesystem::exists(fp.unique_chain(), ec))) {
    return Fail(Code::kExists, "the factory part is already initialised" +
                                   (before.mac.empty() ? "" : " (MAC " + before.mac + ")") +
                                   "; it is written once (--force replaces it)");
  }
  std::filesystem::create_directories(fp.dir, ec);
  if (ec) return Fail(Code::kIoError, "cannot create " + fp.dir.string() + ": " + ec.message());

  FactoryInitResult result;
  result.mac = *mac;
  Result<VendorCa> vendor = Fail(Code::kInternal, "unset");
  if (options.vendor_ca) {
    vendor = LoadVendorCa(*options.vendor_ca, *options.vendor_key);
  } else {
    result.development_vendor_ca = true;
    vendor = DevelopmentVendorCa(fp, options, result.created_development_vendor_ca);
    if (vendor && result.created_development_vendor_ca) {
      result.written.push_back(fp.dev_vendor_ca());
      result.written.push_back(fp.dev_vendor_key());
    }
  }
  if (!vendor) return std::unexpected(vendor.error());

  auto unique = IssueFactoryIdentity(IdentityKind::kUnique, *mac, *vendor, options);
  if (!unique) return std::unexpected(unique.error());
  auto generic = IssueFactoryIdentity(IdentityKind::kGeneric, std::string(kGenericCommonName),
                                      *vendor, options);
  if (!generic) return std::unexpected(generic.error());

  // Everything is made: write it. The mac file goes last; it marks the part as initialised.
  if (auto s = WriteIdentityFiles(**unique, fp.unique_chain(), fp.unique_key()); !s) {
    return std::unexpected(s.error());
  }
  if (auto s = WriteIdentityFiles(**generic, fp.generic_chain(), fp.generic_key()); !s) {
    return std::unexpected(s.error());
  }
  if (auto s = WriteFileAtomic(fp.vendor_chain(), ToPem(vendor->chain), {.mode = 0644}); !s) {
    return std::unexpected(s.error());
  }
  if (auto s = WriteFileAtomic(fp.mac(), *mac + "\n", {.mode = 0644}); !s) {
    return std::unexpected(s.error());
  }
  for (const auto& p : {fp.unique_chain(), fp.unique_key(), fp.generic_chain(), fp.generic_key(),
                        fp.vendor_chain(), fp.mac()}) {
    result.written.push_back(p);
  }
  result.unique = std::move(*unique);
  result.generic = std::move(*generic);
  return result;
}

FactoryState LoadFactory(const StatePaths& paths) {
  FactoryPaths fp = FactoryPathsOf(paths);
  FactoryState state;
  std::error_code ec;
  if (std::filesystem::exists(fp.mac(), ec)) {
    state.initialised = true;
    auto text = ReadFileCapped(fp.mac(), 256);
    auto mac = text ? NormalizeMac(*text) : Result<std::string>(std::unexpected(text.error()));
    if (mac) {
      state.mac = *mac;
    } else {
      state.problems.push_back(fp.mac().string() + ": " + mac.error().detail);
    }
  }
  auto load = [&](IdentityKind kind, const std::filesystem::path& chain,
                  const std::filesystem::path& key) -> std::shared_ptr<const Identity> {
    std::error_code e;
    if (!std::filesystem::exists(chain, e) && !std::filesystem::exists(key, e)) return nullptr;
    auto identity = LoadIdentityFiles(kind, chain, key);
    if (!identity) {
      state.problems.push_back(std::string(IdentityKindName(kind)) +
                               " certificate: " + identity.error().detail);
      return nullptr;
    }
    return std::make_shared<const Identity>(std::move(*identity));
  };
  state.unique = load(IdentityKind::kUnique, fp.unique_chain(), fp.unique_key());
  state.generic = load(IdentityKind::kGeneric, fp.generic_chain(), fp.generic_key());
  return state;
}

}  // namespace phonecert
