// The real reference server (build/native/server/parta-server) with the demo school, serving
// the client as deployment does (the site scripts/lib/build-site.mjs lays out, service worker
// included), on an ephemeral loopback port. Stoppable and restartable on the same port and
// database, so a test can take the network away from a page, and from its workers and service
// worker, and give it back; the site can be rebuilt under it, as a deployment of a new version.
// `precompressed` also writes the brotli and gzip copies scripts/demo serves (the web bench
// weighs what a deployment sends, not what the server gzips on the fly). Should the process end
// without close() (an uncaught error, Ctrl-C), the server is stopped and its files removed.
import { execFile, spawn } from "node:child_process";
import { rmSync } from "node:fs";
import { cp, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";

import { buildSite } from "../../../scripts/lib/build-site.mjs";
import { kRepository } from "../../../scripts/lib/static-server.mjs";

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

export async function startReferenceServer({ precompressed = false } = {}) {
  const folder = await mkdtemp(join(tmpdir(), "parta-server-"));
  let child = null;
  const leftBehind = () => {
    child?.kill("SIGKILL");
    rmSync(folder, { recursive: true, force: true });
  };
  process.once("exit", leftBehind);
  const site = join(folder, "site");
  await buildSite(site);
  if (precompressed) await promisify(execFile)(kPrecompress, [site]);
  const baseArgs = [
    "--listen", "127.0.0.1",
    "--database", join(folder, "school.sqlite3"),
    "--attachments", join(folder, "attachments"),
    "--web-root", join(site, "web"),
    "--wasm-root", join(site, "wasm"),
    // The tests sign in far more often than a person does.
    "--sign-ins-per-minute-per-address", "10000",
    "--sign-ins-per-minute-per-login", "10000",
    "--demo-school",
  ];
  let listening;
  ({ child, listening } = launch([...baseArgs, "--port", "0"]));
  const port = await listening;
  const server = {
    port,
    url: `http://127.0.0.1:${port}`,
    /** The site it serves ({siteDir}/web and {siteDir}/wasm). */
    siteDir: site,
    /** Stops the server as a crash or an outage would look to the page: nothing answers. */
    async stop() {
      await stopped(child);
    },
    /** Starts it again on the same port and database. */
    async restart() {
      ({ child, listening } = launch([...baseArgs, "--port", String(port)]));
      await listening;
    },
    /** Deploys a new version: the site built again, with `change(webDir)` applied first. */
    async deployNewVersion(change) {
      const staging = join(folder, "staging");
      await buildSite(staging, { webDir: await change() });
      await rm(join(site, "web"), { recursive: true, force: true });
      await cp(join(staging, "web"), join(site, "web"), { recursive: true });
      await rm(staging, { recursive: true, force: true });
    },
    async close() {
      process.off("exit", leftBehind);
      await stopped(child);
      await rm(folder, { recursive: true, force: true });
    },
  };
  return server;
}

/** Signs in as a demo account (password `demo-<login>`) through the app's own form. */
export async function signInThroughTheForm(page, login) {
  await page.getByLabel(/^(Логин|Login)$/).fill(login);
  await page.getByLabel(/^(Пароль|Password)$/).fill(`demo-${login}`);
  await page.getByRole("button", { name: /^(Войти|Sign in)$/ }).click();
  await page.waitForSelector("body[data-screen='chats']");
}
