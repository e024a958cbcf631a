// Steps through the app that several measures share, each with a bound on its wait.
import { signInThroughTheForm } from "../../tests/browser/support/reference-server.mjs";

export { signInThroughTheForm };

export const kStepTimeoutMs = 60000;

/** The service worker controls the page and its cache holds the shell (web/sw.js). */
export async function shellCached(page) {
  await page.waitForFunction(async () => {
    if (!navigator.serviceWorker.controller) return false;
    return (await caches.keys()).some((name) => name.startsWith("parta-shell-"));
  }, null, { timeout: kStepTimeoutMs });
}

/**
 * Sync has caught up: a sync request has been waiting on the server for `heldMs`, which the
 * server does only when it has nothing more to send (the long-poll, docs/web.md). Call it
 * before the sign-in or start it waits for: a long-poll that began earlier is not seen.
 */
export function syncCaughtUp(page, heldMs = 2000) {
  return new Promise((resolve, reject) => {
    const waiting = new Map();
    const isSync = (request) => new URL(request.url()).pathname === "/api/v1/sync";
    const onRequest = (request) => { if (isSync(request)) waiting.set(request, Date.now()); };
    const onDone = (request) => waiting.delete(request);
    const stop = () => {
      clearInterval(poll);
      clearTimeout(deadline);
      page.off("request", onRequest).off("requestfinished", onDone).off("requestfailed", onDone);
    };
    const poll = setInterval(() => {
      if ([...waiting.values()].some((since) => Date.now() - since >= heldMs)) {
        stop();
        resolve();
      }
    }, 100);
    const deadline = setTimeout(() => {
      stop();
      reject(new Error(`sync did not catch up within ${kStepTimeoutMs / 1000} s`));
    }, kStepTimeoutMs);
    page.on("request", onRequest).on("requestfinished", onDone).on("requestfailed", onDone);
  });
}

export async function openChat(page, title) {
  await page.locator(".chat-entry", { hasText: title }).first().click();
  await page.waitForFunction((expected) => document.querySelector("#chat-title")?.textContent === expected, title, {
    timeout: kStepTimeoutMs,
  });
  await page.locator(".message").first().waitFor({ timeout: kStepTimeoutMs });
}

export function percentile(values, fraction) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil(fraction * sorted.length) - 1)];
}

export const median = (values) => percentile(values, 0.5);

/** {medianMs, minMs, maxMs, allMs} of a series of milliseconds, allMs in the order measured. */
export function spreadOf(values) {
  return { medianMs: median(values), minMs: Math.min(...values), maxMs: Math.max(...values), allMs: values };
}

/** The app opened in `browser` (its first page), `login` signed in and sync caught up. */
export async function signedInAndSynced(browser, server, login) {
  const page = browser.context.pages()[0] ?? (await browser.context.newPage());
  await page.goto(`${server.url}/`);
  await page.waitForSelector("body[data-ready='true']", { timeout: kStepTimeoutMs });
  const caughtUp = syncCaughtUp(page);
  await signInThroughTheForm(page, login);
  await caughtUp;
  return page;
}
