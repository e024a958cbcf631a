# Prints the module's size raw and gzipped after every wasm build (docs/build.md records it).
file(SIZE "${WASM_FILE}" raw_bytes)
get_filename_component(directory "${WASM_FILE}" DIRECTORY)
set(gzip_file "${directory}/parta.wasm.gz")
file(ARCHIVE_CREATE OUTPUT "${gzip_file}" PATHS "${WASM_FILE}" FORMAT raw COMPRESSION GZip
     COMPRESSION_LEVEL 9)
file(SIZE "${gzip_file}" gzip_bytes)
file(REMOVE "${gzip_file}")
message(STATUS "parta.wasm size: ${raw_bytes} bytes raw, ${gzip_bytes} bytes gzip -9")
