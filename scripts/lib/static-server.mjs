// Serves the web client the way deployment does: web/ at "/" and the wasm build at "/wasm/".
// Loopback only. Used by the browser tests (a fresh port per file); scripts/demo runs parta-server.
import { createServer } from "node:http";
import { readFile } from "node:fs/promises";
import { extname, join, normalize, resolve } from "node:path";
import { fileURLToPath } from "node:url";

export const kRepository = resolve(fileURLToPath(import.meta.url), "../../..");
/** The client as deployed: web/ at "/" and the wasm build (with its storage glue) at "/wasm/". */
export const kClientMounts = [
  ["/wasm/", join(kRepository, process.env.PARTA_WASM_DIR ?? "build/wasm")],
  ["/", join(kRepository, "web")],
];
const kContentTypes = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json",
  ".wasm": "application/wasm",
};

export const contentTypeOf = (file) => kContentTypes[extname(file)] ?? "application/octet-stream";

/** The file `urlPath` names under `mounts` ([prefix, directory], first match wins), or null. */
export function mountedFile(mounts, urlPath) {
  for (const [prefix, directory] of mounts) {
    if (!urlPath.startsWith(prefix)) continue;
    const relative = normalize(decodeURIComponent(urlPath.slice(prefix.length)) || "index.html");
    if (relative.startsWith("..")) return null;
    return join(directory, relative);
  }
  return null;
}

export async function startStaticServer(port = 0) {
  const server = createServer(async (request, response) => {
    const file = mountedFile(kClientMounts, new URL(request.url, "http://localhost").pathname);
    try {
      if (!file) throw new Error("outside the served tree");
      const body = await readFile(file);
      response.writeHead(200, {
        "content-type": contentTypeOf(file),
        "cache-control": "no-store",
      });
      response.end(body);
    } catch {
      response.writeHead(404, { "content-type": "text/plain" });
      response.end("not found");
    }
  });
  await new Promise((done) => server.listen(port, "127.0.0.1", done));
  const bound = server.address().port;
  return { url: `http://127.0.0.1:${bound}`, host: `127.0.0.1:${bound}`, close: () => new Promise((done) => server.close(done)) };
}

// `node scripts/lib/static-server.mjs PORT` serves until stopped.
if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const port = Number(process.argv[2] ?? 8080);
  const { url } = await startStaticServer(port);
  console.log(`Parta: ${url}/`);
}
