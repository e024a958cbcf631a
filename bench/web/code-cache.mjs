// Whether V8's wasm code cache serves parta.wasm on a later start, when the service worker
// answers the module from its cache. The module is compiled with instantiateStreaming on the
// fetch Response (Emscripten's glue, build/wasm/parta.mjs), which is what Chromium caches.
//
// One profile, three starts, each in its own browser and traced through the DevTools protocol
// from before the navigation until the browser closes: the first visit (the module from the
// network; sign in, wait for sync, open a chat), then two repeat visits (the module from the
// service worker's cache; open the same chat). Each start then idles for `kIdleMs`, past V8's
// caching timeout: V8 asks Chromium to cache the module only once enough of it has been
// compiled by its top tier and no more came for --wasm-caching-timeout-ms (2 s by default).
// Chromium's own trace events (category devtools.timeline) say what happened:
// v8.wasm.cachedModule (written to the cache, with its size), v8.wasm.moduleCacheHit (read
// from it), v8.wasm.moduleCacheInvalid (found and refused). V8's events count the functions
// compiled on first call (wasm.CompileLazy) and by the top tier (wasm.TopTierCompilation).
//
// The same sequence runs twice: with V8's defaults, as every person's browser runs, and with
// V8 told to cache as soon as anything reaches its top tier (--wasm-caching-threshold=1
// --wasm-caching-timeout-ms=0, which no page can ask for). The second tells whether a module
// the service worker answers can be cached at all, apart from whether V8 asks.
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";

import { launchChromium } from "../../tests/browser/support/chromium.mjs";
import { kStepTimeoutMs, openChat, shellCached, signInThroughTheForm, syncCaughtUp } from "./app-steps.mjs";
import { interactiveMoment, recordInteractiveMoments } from "./interactive.mjs";

const kCategories = ["v8.wasm", "disabled-by-default-v8.wasm.detailed", "disabled-by-default-devtools.timeline"];
const kIdleMs = 8000;
const kStarts = 3;
export const kVariants = [
  { name: "V8 defaults", jsFlags: null },
  { name: "V8 caching at once", jsFlags: "--wasm-caching-threshold=1 --wasm-caching-timeout-ms=0" },
];

/** Runs `body` while tracing `page`'s browser; answers the trace events. */
async function traced(context, page, body) {
  const session = await context.newCDPSession(page);
  const events = [];
  session.on("Tracing.dataCollected", ({ value }) => events.push(...value));
  const complete = new Promise((resolve) => session.once("Tracing.tracingComplete", resolve));
  await session.send("Tracing.start", { traceConfig: { includedCategories: kCategories }, transferMode: "ReportEvents" });
  try {
    await body();
  } finally {
    await session.send("Tracing.end");
    await complete;
  }
  return events;
}

function figuresOf(events) {
  const named = (name) => events.filter((event) => event.name === name);
  const dataOf = (event) => event.args?.data ?? event.args ?? {};
  return {
    streamed: named("v8.wasm.streamFromResponseCallback").length,
    cacheHits: named("v8.wasm.moduleCacheHit").map(dataOf),
    cacheInvalid: named("v8.wasm.moduleCacheInvalid").length,
    cacheWrites: named("v8.wasm.cachedModule").map(dataOf),
    lazyCompiles: named("wasm.CompileLazy").length,
    topTierCompiles: named("wasm.TopTierCompilation").length,
  };
}

async function tracedStart(profile, server, variant, { login, chat, first }) {
  const { context, close } = await launchChromium({ profileDirectory: profile,
    extraArgs: variant.jsFlags ? [`--js-flags=${variant.jsFlags}`] : [] });
  try {
    await recordInteractiveMoments(context);
    const page = context.pages()[0] ?? (await context.newPage());
    let moduleFrom = "not seen";
    context.on("response", (response) => {
      if (new URL(response.url()).pathname === "/wasm/parta.wasm") moduleFrom = response.fromServiceWorker() ? "service worker" : "network";
    });
    let chatsMs;
    const events = await traced(context, page, async () => {
      await page.goto(`${server.url}/`, { waitUntil: "commit" });
      if (first) {
        await interactiveMoment(page, "signIn", kStepTimeoutMs);
        const caughtUp = syncCaughtUp(page);
        await signInThroughTheForm(page, login);
        await caughtUp;
      }
      chatsMs = (await interactiveMoment(page, "chats", kStepTimeoutMs)).sinceNavigationMs;
      await openChat(page, chat);
      await shellCached(page);
      await page.waitForTimeout(kIdleMs);
    });
    return { moduleFrom, tracedChatsMs: chatsMs, ...figuresOf(events) };
  } finally {
    await close();
  }
}

/** Answers, for each variant, its starts' figures in order (the first visit first). */
export async function measureCodeCache(server, { login, chat }) {
  const results = [];
  for (const variant of kVariants) {
    const profile = await mkdtemp(join(tmpdir(), "parta-bench-code-cache-"));
    try {
      const starts = [];
      for (let i = 0; i < kStarts; ++i) starts.push(await tracedStart(profile, server, variant, { login, chat, first: i === 0 }));
      results.push({ variant: variant.name, jsFlags: variant.jsFlags, starts });
    } finally {
      await rm(profile, { recursive: true, force: true });
    }
  }
  return results;
}
