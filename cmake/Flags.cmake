add_compile_options(-Wall -Wextra -Wpedantic -Wshadow -Wnon-virtual-dtor -Wconversion
                    -Wno-sign-conversion)
if(PHONECERT_WERROR)
  add_compile_options(-Werror)
endif()
if(PHONECERT_SANITIZE)
  add_compile_options(-fsanitize=address,undefined -fno-omit-frame-pointer
                      -fno-sanitize-recover=undefined)
  add_link_options(-fsanitize=address,undefined)
endif()
if(PHONECERT_TSAN)
  add_compile_options(-fsanitize=thread -fno-omit-frame-pointer)
  add_link_options(-fsanitize=thread)
endif()
if(PHONECERT_FUZZ)
  # clang 16 implements what libstdc++ 12's <expected> needs but still reports the old
  # __cpp_concepts value; raise it so <expected> is available.
  add_compile_options(-D__cpp_concepts=202002L -Wno-macro-redefined -Wno-unknown-warning-option
                      -fsanitize=fuzzer-no-link,address,undefined -fno-omit-frame-pointer)
  add_link_options(-fsanitize=address,undefined)
endif()
