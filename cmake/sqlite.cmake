# SQLite comes from the amalgamation inside a pinned npm package (package-lock.json holds
# its integrity hash; `npm ci --ignore-scripts` verifies it). Native and wasm builds compile
# this same file. The options are explained in docs/build.md.
set(PARTA_SQLITE_DIR "${PROJECT_SOURCE_DIR}/node_modules/better-sqlite3/deps/sqlite3"
    CACHE PATH "Directory holding sqlite3.c and sqlite3.h")
if(NOT EXISTS "${PARTA_SQLITE_DIR}/sqlite3.c")
  message(FATAL_ERROR "SQLite sources not found in ${PARTA_SQLITE_DIR}; run scripts/setup")
endif()

# The pin: package-lock.json fixes the better-sqlite3 release, and that release ships the SQLite
# below; a new pin updates both. SqliteBuild.LinkedLibraryIsThePinnedAmalgamation holds the build
# to them, so a new pin over a stale node_modules, or another sqlite3.c under the old pin, fails
# the suite instead of shipping unnoticed.
set(PARTA_SQLITE_PINNED_VERSION "3.54.1")
file(READ "${PROJECT_SOURCE_DIR}/package-lock.json" parta_lock)
string(JSON PARTA_SQLITE_PINNED_PACKAGE_VERSION GET "${parta_lock}" packages node_modules/better-sqlite3 version)
# The release of the package the amalgamation is compiled from; empty when PARTA_SQLITE_DIR
# points anywhere else.
set(PARTA_SQLITE_INSTALLED_PACKAGE_VERSION "")
set(parta_sqlite_package "${PARTA_SQLITE_DIR}/../../package.json")
# Both files feed compile definitions: a change to either must configure the build again.
set_property(DIRECTORY APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS "${PROJECT_SOURCE_DIR}/package-lock.json")
if(EXISTS "${parta_sqlite_package}")
  set_property(DIRECTORY APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS "${parta_sqlite_package}")
  file(READ "${parta_sqlite_package}" parta_sqlite_package_json)
  string(JSON PARTA_SQLITE_INSTALLED_PACKAGE_VERSION ERROR_VARIABLE parta_no_version
         GET "${parta_sqlite_package_json}" version)
endif()

add_library(parta_sqlite STATIC "${PARTA_SQLITE_DIR}/sqlite3.c")
target_include_directories(parta_sqlite SYSTEM PUBLIC "${PARTA_SQLITE_DIR}")
target_compile_definitions(parta_sqlite PUBLIC
  SQLITE_ENABLE_FTS5
  SQLITE_OMIT_LOAD_EXTENSION
  SQLITE_OMIT_DEPRECATED
  SQLITE_OMIT_SHARED_CACHE
  SQLITE_OMIT_PROGRESS_CALLBACK
  SQLITE_OMIT_AUTHORIZATION
  SQLITE_OMIT_COMPLETE
  SQLITE_OMIT_DECLTYPE
  SQLITE_OMIT_DESERIALIZE
  SQLITE_OMIT_GET_TABLE
  SQLITE_OMIT_UTF16
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
set(parta_sqlite_options -w)
if(NOT EMSCRIPTEN)
  # UBSan's checks more than double the 9 MB amalgamation's compile (7.0 against 3.1 minutes
  # at -O2 -g on this 2-core VM; the ASan build took 23 of scripts/test's 40 minutes on a
  # fresh clone), and they would test SQLite, not us. ASan stays on it, so our misuse of its
  # buffers is still caught inside it.
  list(APPEND parta_sqlite_options -fno-sanitize=undefined)
endif()
set_source_files_properties("${PARTA_SQLITE_DIR}/sqlite3.c" PROPERTIES COMPILE_OPTIONS "${parta_sqlite_options}")
