#!/usr/bin/env bash
# Writes a brotli and a gzip copy beside each text or wasm file under DIR (docs/server.md,
# "Static files": parta-server sends a variant the request accepts as it is). scripts/demo
# precompresses the site it serves, and bench/web/ the one it measures, with this same script,
# so the bench weighs what a deployment sends.
#
# scripts/lib/precompress.sh DIR
set -euo pipefail

if [ "$#" -ne 1 ] || [ ! -d "$1" ]; then
  echo "usage: scripts/lib/precompress.sh DIR" >&2
  exit 2
fi
find "$1" -type f \( -name '*.html' -o -name '*.js' -o -name '*.mjs' -o -name '*.css' -o -name '*.wasm' \
  -o -name '*.json' \) -print0 |
  while IFS= read -r -d '' file; do
    brotli --quality=11 --keep --force "$file"
    gzip -9 --no-name --keep --force "$file"
  done
