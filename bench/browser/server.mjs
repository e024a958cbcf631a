// Serves the browser storage benchmark on loopback: the web client at "/" and the wasm build at
// "/wasm/" as deployment does, plus the bench page and its peer workers at "/bench/" and the
// official SQLite wasm build at "/sqlite-wasm/", with cross-origin isolation and revalidation
// (below). http://127.0.0.1 is a secure context, which OPFS requires.
import { createHash } from "node:crypto";
import { createServer } from "node:http";
import { readFile } from "node:fs/promises";
import { join } from "node:path";

import { contentTypeOf, kClientMounts, kRepository, mountedFile } from "../../scripts/lib/static-server.mjs";

const kMounts = [
  ["/bench/", join(kRepository, "bench/browser")],
  ["/sqlite-wasm/", join(kRepository, "node_modules/@sqlite.org/sqlite-wasm")],
  ...kClientMounts,
];
// Cross-origin isolation only so that performance.now() ticks in 5 µs steps instead of 100 µs:
// a durable commit is measured against a 0.5 ms target. Every resource is same-origin, so the
// isolation changes nothing else.
const kIsolationHeaders = {
  "cross-origin-opener-policy": "same-origin",
  "cross-origin-embedder-policy": "require-corp",
};

export async function startBenchServer() {
  const server = createServer(async (request, response) => {
    const file = mountedFile(kMounts, new URL(request.url, "http://localhost").pathname);
    try {
      if (!file) throw new Error("outside the served tree");
      const body = await readFile(file);
      // Revalidated on every load, as a deployment serves a returning user: the browser may keep
      // a file, and V8 the compiled code of a wasm module, only while the file is unchanged.
      // Every contender is served alike.
      const etag = `"${createHash("sha256").update(body).digest("base64url")}"`;
      const headers = { "cache-control": "no-cache", etag, ...kIsolationHeaders };
      if (request.headers["if-none-match"] === etag) {
        response.writeHead(304, headers);
        response.end();
        return;
      }
      response.writeHead(200, { "content-type": contentTypeOf(file), ...headers });
      response.end(body);
    } catch {
      response.writeHead(404, { "content-type": "text/plain" });
      response.end("not found");
    }
  });
  await new Promise((done) => server.listen(0, "127.0.0.1", done));
  const url = `http://127.0.0.1:${server.address().port}`;
  return { url, close: () => new Promise((done) => server.close(done)) };
}
