// Debian's Chromium driven by playwright-core. No browser is ever downloaded: the executable
// is /usr/bin/chromium (apt package `chromium`), started with a fresh profile each time.
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { chromium } from "playwright-core";

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

export async function launchChromium() {
  const profile = await mkdtemp(join(tmpdir(), "parta-chromium-"));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: kExecutable,
    headless: true,
    args: kArgs,
  });
  return {
    context,
    async close() {
      await context.close();
      await rm(profile, { recursive: true, force: true });
    },
  };
}

// Opens the app and waits until its core worker has answered the handshake.
export async function openApp(browser, server) {
  const page = await browser.context.newPage();
  const problems = [];
  page.on("pageerror", (error) => problems.push(error));
  await page.goto(`${server.url}/index.html`);
  await page.waitForSelector("body[data-ready='true']", { timeout: 30000 });
  return { page, problems };
}
