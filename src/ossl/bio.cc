#include "ossl/bio.h"

#include <limits>

namespace phonecert::ossl {

BioPtr ReadBio(std::string_view data) {
  int len = data.size() > static_cast<std::size_t>(std::numeric_limits<int>::max())
                ? std::numeric_limits<int>::max()
                : static_cast<int>(data.size());
  return BioPtr(BIO_new_mem_buf(data.data(), len));
}

BioPtr WriteBio() { return BioPtr(BIO_new(BIO_s_mem())); }

std::string BioContents(BIO* bio) {
  char* p = nullptr;
  long n = BIO_get_mem_data(bio, &p);
  return n > 0 ? std::string(p, static_cast<std::size_t>(n)) : std::string();
}

}  // namespace phonecert::ossl
