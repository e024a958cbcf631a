// Starts, timed from the navigation's start to an interactive screen (interactive.mjs), each in a
// browser launched for it:
//   repeat visit, offline   a profile that signed in, synced and has the shell cached, started
//                           with the server stopped: nothing answers, the service worker's own
//                           fetches included, so the shell comes from its cache and the chats
//                           from the local store;
//   repeat visit, Slow 4G   the same profile with the server up, behind DevTools' Slow 4G
//                           (throttling.mjs) on the page, its worker and the service worker:
//                           whatever the start waits for on the network, it waits for at that
//                           speed;
//   first visit, Slow 4G    a fresh profile to an interactive sign-in screen, behind Slow 4G.
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";

import { launchChromium } from "../../tests/browser/support/chromium.mjs";
import { kStepTimeoutMs, shellCached, signedInAndSynced, spreadOf } from "./app-steps.mjs";
import { interactiveMoment, recordInteractiveMoments } from "./interactive.mjs";
import { throttleEveryTarget } from "./throttling.mjs";

// The worker moves the write-ahead log into the database a second after the last write
// (web/parta-worker.js); the visit before waits past that, as a person who closes the tab later.
const kSettleMs = 2000;

/** One start in its own browser: navigation start → `moment` ("chats" or "signIn"). */
async function timedStart(profileDirectory, url, moment, { throttled }) {
  const browser = await launchChromium(profileDirectory ? { profileDirectory } : {});
  try {
    await recordInteractiveMoments(browser.context);
    const page = browser.context.pages()[0] ?? (await browser.context.newPage());
    const throttling = throttled ? await throttleEveryTarget(browser.context, page) : null;
    await page.goto(url, { waitUntil: "commit" });
    const { sinceNavigationMs } = await interactiveMoment(page, moment, kStepTimeoutMs);
    return {
      ms: sinceNavigationMs,
      throttledTargets: throttling?.targets() ?? [],
      unthrottled: throttling?.unthrottled() ?? [],
    };
  } finally {
    await browser.close();
  }
}

function seriesOf(starts) {
  return {
    ...spreadOf(starts.map((start) => start.ms)),
    throttledTargets: [...new Set(starts.flatMap((start) => start.throttledTargets))],
    unthrottled: starts.flatMap((start) => start.unthrottled),
  };
}

/** The visit before the repeat visits: signed in as `login`, synced, the shell cached. */
async function firstVisit(profileDirectory, server, login) {
  const browser = await launchChromium({ profileDirectory });
  try {
    const page = await signedInAndSynced(browser, server, login);
    await shellCached(page);
    await page.waitForTimeout(kSettleMs);
  } finally {
    await browser.close();
  }
}

/** Answers {offline, slow4G}: each {medianMs, minMs, maxMs, allMs, throttledTargets, unthrottled}. */
export async function measureRepeatStarts(server, { login, repetitions }) {
  const profile = await mkdtemp(join(tmpdir(), "parta-bench-profile-"));
  try {
    await firstVisit(profile, server, login);
    const offline = [];
    await server.stop();
    try {
      for (let i = 0; i < repetitions; ++i) offline.push(await timedStart(profile, `${server.url}/`, "chats", { throttled: false }));
    } finally {
      await server.restart();
    }
    const slow4G = [];
    for (let i = 0; i < repetitions; ++i) slow4G.push(await timedStart(profile, `${server.url}/`, "chats", { throttled: true }));
    return { offline: seriesOf(offline), slow4G: seriesOf(slow4G) };
  } finally {
    await rm(profile, { recursive: true, force: true });
  }
}

/** First visits to an interactive sign-in under Slow 4G, each in a fresh profile. */
export async function measureFirstVisitsSlow4G(server, { repetitions }) {
  const starts = [];
  for (let i = 0; i < repetitions; ++i) starts.push(await timedStart(null, `${server.url}/`, "signIn", { throttled: true }));
  return seriesOf(starts);
}
