# Writes OUTPUT: a C++ file holding the viewer page's files (viz/web/) as string literals, so
# `citytwin view` serves its page with no files to find at run time.
# cmake -DWEB_DIR=... -DOUTPUT=... -P view_page_assets.cmake
set(files index.html viewer.css viewer.js)
set(types text/html text/css text/javascript)   # a list: no semicolons inside
set(paths "/" "/viewer.css" "/viewer.js")
set(body "// Generated from viz/web/ by viz/view_page_assets.cmake: edit those files, not this one.\n")
string(APPEND body "#include <iterator>\n\n#include \"viz/view_page.hpp\"\n\nnamespace citytwin::viz {\nnamespace {\n")
string(APPEND body "const PageAsset kAssets[] = {\n")
foreach(i RANGE 2)
  list(GET files ${i} file)
  list(GET types ${i} type)
  list(GET paths ${i} path)
  file(READ "${WEB_DIR}/${file}" text)
  if(text MATCHES "\\)citytwin_page\"")
    message(FATAL_ERROR "${file} contains the literal's delimiter )citytwin_page\"")
  endif()
  string(APPEND body "    {\"${path}\", \"${type}; charset=utf-8\", R\"citytwin_page(${text})citytwin_page\"},\n")
endforeach()
string(APPEND body "};\n\n}  // namespace\n\n")
string(APPEND body "const PageAsset* page_assets_begin() { return std::begin(kAssets); }\n")
string(APPEND body "const PageAsset* page_assets_end() { return std::end(kAssets); }\n\n}  // namespace citytwin::viz\n")
file(WRITE "${OUTPUT}.tmp" "${body}")
file(COPY_FILE "${OUTPUT}.tmp" "${OUTPUT}" ONLY_IF_DIFFERENT)
