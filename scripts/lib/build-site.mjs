// Lays out the client as it is deployed: web/ at "/" and the wasm module with its storage
// glue at "/wasm/", every script minified, and writes the service worker's precache list into
// sw.js: every shell file with the hash of its bytes, and a version made of them all. A
// changed file changes sw.js, which is how the browser learns that there is a new version
// (web/sw.js).
//
// Minified one file at a time (esbuild, pinned), not bundled: the modules keep their names and
// their imports, so the precache list, the lazily loaded screens and the module's own
// `import.meta.url` stay as they are in web/; only comments, whitespace and local names go,
// about a third of the scripts' brotli bytes, toward the first visit's 480 KB (docs/web.md).
//
// node scripts/lib/build-site.mjs OUT_DIR  (web/ and build/wasm of this checkout)
import { createHash } from "node:crypto";
import { cp, mkdir, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { join, relative, sep } from "node:path";
import { fileURLToPath } from "node:url";

import { build, transform } from "esbuild";

import { kRepository } from "./static-server.mjs";

const kServiceWorker = "sw.js";
// The one line of web/sw.js this replaces.
const kPlaceholder = "const kShell = null;  // written by scripts/lib/build-site.mjs";
const kWasmFiles = ["parta.mjs", "parta.wasm"];
// npm packages the page loads, each pinned in package-lock.json, served from /vendor/.
const kVendored = [
  ["qrcode-generator/dist/qrcode.mjs", "qrcode-generator.mjs"],
  ["linkifyjs/dist/linkify.mjs", "linkify.mjs"],
  ["uplot/dist/uPlot.esm.js", "uplot.mjs"],
  ["uplot/dist/uPlot.min.css", "uplot.css"],
];
// Loaded only by screens that need the server anyway (an invite's QR code, the statistics'
// charts): the first visit does not download them, and the worker passes them to the network.
// They still count in the version, so a new one is noticed.
const kOnlineOnly = new Set(["/vendor/qrcode-generator.mjs", "/vendor/uplot.mjs", "/vendor/uplot.css"]);

async function filesUnder(directory) {
  const entries = await readdir(directory, { withFileTypes: true, recursive: true });
  return entries.filter((entry) => entry.isFile()).map((entry) => join(entry.parentPath ?? entry.path, entry.name));
}

const digest = (bytes) => createHash("sha256").update(bytes).digest("hex");

const isScript = (file) => file.endsWith(".js") || file.endsWith(".mjs");

// The browsers the app supports run ES2022 as written; esbuild only shortens it.
async function minifyScript(file) {
  const source = await readFile(file, "utf8");
  const { code } = await transform(source, { minify: true, format: "esm", target: "es2022", charset: "utf8", legalComments: "none" });
  await writeFile(file, code);
}

const kAppScript = '<script type="module" src="/app.js"></script>';

// The page's own modules, named in index.html as modulepreload links: otherwise the browser
// learns of a module's imports only when the module has arrived, a round trip per level of the
// graph (four levels, each 562.5 ms on Slow 4G: bench/web). esbuild reads the graph; only the
// static imports reachable from app.js are listed, not the screens it loads when opened.
async function preloadAppModules(webOut) {
  const { metafile } = await build({ entryPoints: [join(webOut, "app.js")], absWorkingDir: webOut, bundle: true,
    write: false, metafile: true, format: "esm", logLevel: "silent" });
  const listed = new Set();
  const visit = (path) => {
    if (listed.has(path)) return;
    listed.add(path);
    for (const imported of metafile.inputs[path].imports) if (imported.kind === "import-statement") visit(imported.path);
  };
  visit("app.js");
  listed.delete("app.js");
  const page = join(webOut, "index.html");
  const html = await readFile(page, "utf8");
  if (!html.includes(kAppScript)) throw new Error(`index.html lacks ${kAppScript}`);
  const links = [...listed].sort().map((path) => `<link rel="modulepreload" href="/${path}">\n  `).join("");
  await writeFile(page, html.replace(kAppScript, links + kAppScript));
}

/** Builds the site into `outDir` ({outDir}/web and {outDir}/wasm); answers the shell version. */
export async function buildSite(outDir, { webDir = join(kRepository, "web"), wasmDir = join(kRepository, process.env.PARTA_WASM_DIR ?? "build/wasm") } = {}) {
  await rm(outDir, { recursive: true, force: true });
  const webOut = join(outDir, "web");
  const wasmOut = join(outDir, "wasm");
  await cp(webDir, webOut, { recursive: true });
  await mkdir(join(webOut, "vendor"), { recursive: true });
  for (const [source, name] of kVendored) await cp(join(kRepository, "node_modules", source), join(webOut, "vendor", name));
  await mkdir(join(wasmOut, "storage"), { recursive: true });
  for (const name of kWasmFiles) await cp(join(wasmDir, name), join(wasmOut, name));
  await cp(join(wasmDir, "storage"), join(wasmOut, "storage"), { recursive: true });
  for (const root of [webOut, wasmOut]) {
    for (const file of (await filesUnder(root)).filter(isScript)) {
      if (relative(webOut, file) !== kServiceWorker) await minifyScript(file);
    }
  }
  await preloadAppModules(webOut);

  const shell = [];
  for (const [root, prefix] of [[webOut, "/"], [wasmOut, "/wasm/"]]) {
    for (const file of (await filesUnder(root)).sort()) {
      const path = relative(root, file).split(sep).join("/");
      if (prefix === "/" && path === kServiceWorker) continue;
      const url = prefix + path;
      shell.push({ url, revision: digest(await readFile(file)).slice(0, 16), ...(kOnlineOnly.has(url) ? { precache: false } : {}) });
    }
  }
  const version = digest(shell.map(({ url, revision }) => `${url} ${revision}`).join("\n")).slice(0, 16);
  const workerPath = join(webOut, kServiceWorker);
  const worker = await readFile(workerPath, "utf8");
  if (!worker.includes(kPlaceholder)) throw new Error(`${kServiceWorker} lacks its precache placeholder`);
  await writeFile(workerPath, worker.replace(kPlaceholder, `const kShell = ${JSON.stringify({ version, files: shell })};`));
  await minifyScript(workerPath);
  return version;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const outDir = process.argv[2];
  if (!outDir) {
    console.error("usage: node scripts/lib/build-site.mjs OUT_DIR");
    process.exit(2);
  }
  console.log(`site: shell version ${await buildSite(outDir)}`);
}
