# Shared environment for scripts/*: sourced, not run.
# Debian's Emscripten 3.1.6 runs on the machine's Node 20, which does not search Debian's
# node modules; its tools need NODE_PATH. Emscripten-3.1.6 output under Node 20 tries
# fetch() on a file path, so every Node run of a wasm build gets --no-experimental-fetch.
PARTA_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
export PARTA_ROOT
export NODE_PATH=/usr/share/nodejs
PARTA_NODE_WASM=(node --no-experimental-fetch)
PARTA_JOBS="$(nproc 2>/dev/null || echo 2)"
export PARTA_JOBS
# Never let a tool fetch a browser: the browser is Debian's /usr/bin/chromium.
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1

as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi
}
