// Debian's Chromium driven by playwright-core. No browser is ever downloaded: the executable
// is /usr/bin/chromium (apt package `chromium`), started with a fresh profile each time.
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { chromium } from "playwright-core";

import { startStaticServer } from "../../../scripts/lib/static-server.mjs";

const kExecutable = process.env.PARTA_CHROMIUM ?? "/usr/bin/chromium";
// Background networking, component updates and sync would reach for the internet, which
// this machine does not have.
const kArgs = [
  "--headless=new",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
];

// A fresh profile, removed on close; or `profileDirectory`, kept, so a later launch with the
// same directory is the same browser restarted. `extraArgs` go after the usual flags (the web
// bench passes V8 flags with them).
export async function launchChromium({ profileDirectory, extraArgs = [] } = {}) {
  const profile = profileDirectory ?? (await mkdtemp(join(tmpdir(), "parta-chromium-")));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: kExecutable,
    headless: true,
    args: [...kArgs, ...extraArgs],
  });
  return {
    context,
    async close() {
      await context.close();
      if (!profileDirectory) await rm(profile, { recursive: true, force: true });
    },
  };
}

// Opens the app and waits until its core worker has answered the handshake.
export async function openApp(browser, server, query = "") {
  const page = await browser.context.newPage();
  const problems = [];
  page.on("pageerror", (error) => problems.push(error));
  await page.goto(`${server.url}/index.html${query}`);
  await page.waitForSelector("body[data-ready='true']", { timeout: 30000 });
  return { page, problems };
}

// One served app, one Chromium and one loaded app page, shared by the tests of a file.
export async function startAppSession() {
  const server = await startStaticServer();
  const browser = await launchChromium();
  const { page } = await openApp(browser, server);
  return {
    server,
    browser,
    page,
    async close() {
      await browser.close();
      await server.close();
    },
  };
}

// Runs `body(parta, argument)` in `page` against a fresh worker started by web/parta-client.js.
export function runInWorker(page, body, argument) {
  return page.evaluate(
    async ([source, value]) => {
      const { startPartaWorker } = await import("/parta-client.js");
      const parta = await startPartaWorker();
      try {
        return await new Function("parta", "value", `return (${source})(parta, value);`)(parta, value);
      } finally {
        parta.terminate();
      }
    },
    [body.toString(), argument],
  );
}
