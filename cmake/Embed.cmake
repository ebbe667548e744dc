# phonecert_embed(TARGET out_cc SYMBOL name FILES f1 f2 ...)
# Generates a .cc file that holds the given files' bytes as `const EmbeddedFile name[]`.
function(phonecert_embed)
  cmake_parse_arguments(E "" "OUTPUT;SYMBOL" "FILES" ${ARGN})
  string(REPLACE ";" "$<SEMICOLON>" E_FILES_ARG "${E_FILES}")  # one argument, not one per file
  add_custom_command(
    OUTPUT ${E_OUTPUT}
    COMMAND ${CMAKE_COMMAND} -DOUTPUT=${E_OUTPUT} -DSYMBOL=${E_SYMBOL} "-DFILES=${E_FILES_ARG}"
            -P ${PROJECT_SOURCE_DIR}/cmake/EmbedFiles.cmake
    DEPENDS ${E_FILES} ${PROJECT_SOURCE_DIR}/cmake/EmbedFiles.cmake
    COMMENT "Embedding ${E_SYMBOL}" VERBATIM)
endfunction()
