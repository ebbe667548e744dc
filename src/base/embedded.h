#pragma once
// A file whose bytes are compiled into the binary (see cmake/EmbedFiles.cmake).
#include <cstddef>

namespace phonecert {

struct EmbeddedFile {
  const char* name;
  const unsigned char* data;
  std::size_t size;
};

}  // namespace phonecert
