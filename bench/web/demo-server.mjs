// The reference server (build/native/server/parta-server) with the demo school, serving the
// client as scripts/demo does: the site scripts/lib/build-site.mjs lays out, with the brotli and
// gzip copies scripts/lib/precompress.sh writes beside each file, on an ephemeral loopback port
// over a fresh database. It starts the way tests/browser/support/reference-server.mjs does; that
// one serves no precompressed copies, and a transfer measured without them would weigh what the
// server gzips on the fly rather than what a deployment sends. Stoppable and restartable on the
// same port and database, so a start can find no server at all, the service worker included.
import { execFile, spawn } from "node:child_process";
import { rmSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";

import { buildSite } from "../../scripts/lib/build-site.mjs";
import { kRepository } from "../../scripts/lib/static-server.mjs";

const kServer = join(kRepository, process.env.PARTA_SERVER ?? "build/native/server/parta-server");
const kPrecompress = join(kRepository, "scripts/lib/precompress.sh");
const kStartTimeoutMs = 60000;

function launch(args) {
  const child = spawn(kServer, args, { stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  const listening = new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`parta-server did not start:\n${output}`)), kStartTimeoutMs);
    child.stdout.on("data", (chunk) => {
      output += chunk;
      const match = /listening on http:\/\/[^:]+:(\d+)/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve(Number(match[1]));
      }
    });
    child.stderr.on("data", (chunk) => { output += chunk; });
    child.on("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`parta-server exited (${code}):\n${output}`));
    });
  });
  return { child, listening };
}

function stopped(child) {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once("exit", () => resolve());
    child.kill("SIGTERM");
  });
}

/**
 * Answers {url, siteDir, stop(), restart(), close()}; close() also removes its files. Should
 * the process end without close() (an uncaught error, Ctrl-C), the server is stopped and its
 * files removed as it exits, so nothing is left listening.
 */
export async function startDemoServer() {
  const folder = await mkdtemp(join(tmpdir(), "parta-bench-web-"));
  let child = null;
  const leftBehind = () => {
    child?.kill("SIGKILL");
    rmSync(folder, { recursive: true, force: true });
  };
  process.once("exit", leftBehind);
  try {
    const siteDir = join(folder, "site");
    await buildSite(siteDir);
    await promisify(execFile)(kPrecompress, [siteDir]);
    const baseArgs = [
      "--listen", "127.0.0.1",
      "--database", join(folder, "school.sqlite3"),
      "--attachments", join(folder, "attachments"),
      "--web-root", join(siteDir, "web"),
      "--wasm-root", join(siteDir, "wasm"),
      // The bench signs in more often than a person does.
      "--sign-ins-per-minute-per-address", "10000",
      "--sign-ins-per-minute-per-login", "10000",
      "--demo-school",
    ];
    let listening;
    ({ child, listening } = launch([...baseArgs, "--port", "0"]));
    const port = await listening;
    return {
      url: `http://127.0.0.1:${port}`,
      siteDir,
      /** Nothing answers on the port any more, as in an outage. */
      async stop() {
        await stopped(child);
      },
      /** The same port and database again. */
      async restart() {
        ({ child, listening } = launch([...baseArgs, "--port", String(port)]));
        await listening;
      },
      async close() {
        process.off("exit", leftBehind);
        await stopped(child);
        await rm(folder, { recursive: true, force: true });
      },
    };
  } catch (error) {
    process.off("exit", leftBehind);
    if (child) await stopped(child);
    await rm(folder, { recursive: true, force: true });
    throw error;
  }
}
