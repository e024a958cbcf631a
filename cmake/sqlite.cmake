# SQLite comes from the amalgamation inside a pinned npm package (package-lock.json holds
# its integrity hash; `npm ci --ignore-scripts` verifies it). Native and wasm builds compile
# this same file. The options are explained in docs/build.md.
set(PARTA_SQLITE_DIR "${PROJECT_SOURCE_DIR}/node_modules/better-sqlite3/deps/sqlite3"
    CACHE PATH "Directory holding sqlite3.c and sqlite3.h")
if(NOT EXISTS "${PARTA_SQLITE_DIR}/sqlite3.c")
  message(FATAL_ERROR "SQLite sources not found in ${PARTA_SQLITE_DIR}; run scripts/setup")
endif()

add_library(parta_sqlite STATIC "${PARTA_SQLITE_DIR}/sqlite3.c")
target_include_directories(parta_sqlite SYSTEM PUBLIC "${PARTA_SQLITE_DIR}")
target_compile_definitions(parta_sqlite PUBLIC
  SQLITE_ENABLE_FTS5
  SQLITE_OMIT_LOAD_EXTENSION
  SQLITE_OMIT_DEPRECATED
  SQLITE_OMIT_SHARED_CACHE
  SQLITE_OMIT_PROGRESS_CALLBACK
  SQLITE_DQS=0
  SQLITE_DEFAULT_MEMSTATUS=0
  SQLITE_DEFAULT_FOREIGN_KEYS=1
  SQLITE_DEFAULT_WAL_SYNCHRONOUS=1
  SQLITE_ENABLE_QPSG
  SQLITE_LIKE_DOESNT_MATCH_BLOBS
  SQLITE_MAX_EXPR_DEPTH=0
  SQLITE_TEMP_STORE=3
  SQLITE_USE_ALLOCA)
if(EMSCRIPTEN)
  # One database connection per worker and no pthreads in the module.
  target_compile_definitions(parta_sqlite PUBLIC SQLITE_THREADSAFE=0)
else()
  # The reference server shares the library across request threads.
  target_compile_definitions(parta_sqlite PUBLIC SQLITE_THREADSAFE=1)
  find_package(Threads REQUIRED)
  target_link_libraries(parta_sqlite PUBLIC Threads::Threads ${CMAKE_DL_LIBS})
endif()
# SQLite's own code is not ours to lint; keep its warnings out of the build log.
set_source_files_properties("${PARTA_SQLITE_DIR}/sqlite3.c" PROPERTIES COMPILE_OPTIONS "-w")
