#include "trust/snapshot.h"

namespace phonecert {
namespace {

ossl::X509StorePtr MakeStore(const std::vector<const Anchor*>& anchors) {
  ossl::X509StorePtr store(X509_STORE_new());
  for (const Anchor* a : anchors) X509_STORE_add_cert(store.get(), a->certificate.native());
  return store;
}

}  // namespace

std::shared_ptr<const TrustSnapshot> TrustSnapshot::Build(std::vector<Anchor> builtin,
                                                          std::vector<Anchor> custom,
                                                          std::uint64_t generation) {
  std::shared_ptr<TrustSnapshot> s(new TrustSnapshot());
  s->builtin_ = std::move(builtin);
  s->custom_ = std::move(custom);
  s->generation_ = generation;
  for (CaSelection sel : {CaSelection::kBuiltin, CaSelection::kCustom, CaSelection::kAll}) {
    s->stores_[static_cast<int>(sel)] = MakeStore(s->Anchors(sel));
  }
  return s;
}

std::vector<const Anchor*> TrustSnapshot::Anchors(CaSelection selection) const {
  std::vector<const Anchor*> out;
  if (selection != CaSelection::kCustom) {
    for (const auto& a : builtin_) out.push_back(&a);
  }
  if (selection != CaSelection::kBuiltin) {
    for (const auto& a : custom_) out.push_back(&a);
  }
  return out;
}

X509_STORE* TrustSnapshot::Store(CaSelection selection) const {
  return stores_[static_cast<int>(selection)].get();
}

const Anchor* TrustSnapshot::Find(const X509* cert) const {
  for (const auto* list : {&custom_, &builtin_}) {
    for (const auto& a : *list) {
      if (X509_cmp(a.certificate.native(), cert) == 0) return &a;
    }
  }
  return nullptr;
}

}  // namespace phonecert
