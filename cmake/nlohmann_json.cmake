# nlohmann/json is header-only and comes from Debian (nlohmann-json3-dev). The Emscripten
# toolchain must not search /usr/include (it would pick up glibc headers), so the single
# header directory is copied into the build tree and used by both builds alike.
find_path(PARTA_NLOHMANN_JSON_DIR nlohmann/json.hpp
  PATHS /usr/include NO_CMAKE_FIND_ROOT_PATH NO_DEFAULT_PATH)
if(NOT PARTA_NLOHMANN_JSON_DIR)
  message(FATAL_ERROR "nlohmann/json.hpp not found; run scripts/setup (nlohmann-json3-dev)")
endif()
set(PARTA_NLOHMANN_JSON_COPY "${CMAKE_BINARY_DIR}/_deps/nlohmann_json/include")
file(COPY "${PARTA_NLOHMANN_JSON_DIR}/nlohmann" DESTINATION "${PARTA_NLOHMANN_JSON_COPY}")
add_library(parta_json INTERFACE)
target_include_directories(parta_json SYSTEM INTERFACE "${PARTA_NLOHMANN_JSON_COPY}")
