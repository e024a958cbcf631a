// What a first visit transfers. A fresh browser opens the app and waits for the sign-in screen
// to be interactive, signs in, and waits for the chat list to be interactive (interactive.mjs);
// then the service worker finishes its precache, and the chunks only some screens load (the
// site's files the service worker does not keep: the QR code, the charts, which
// scripts/lib/build-site.mjs marks `precache: false`) are loaded the way those screens load
// them, through the service worker.
//
// Every request of the page, its worker and the service worker is logged (network-log.mjs) and
// put in the moment it started in: a request started before the chat list was interactive
// counts as loaded before it, even if it ended later. A shell file's bytes are the server's
// answer to it, status line, headers and body as sent, asked again from Node with the headers
// the browser sent (Accept-Encoding, and If-None-Match where the browser revalidated a copy it
// held: then the answer is a 304 without a body). The browser's own count is not used for them:
// for a worker's script it is the answer's headers alone (475 B for parta-worker.js, whose
// brotli body is 2,065 B). The server answers shell files from the brotli copies
// scripts/lib/precompress.sh wrote. An API answer's bytes are the browser's count. A request the
// service worker answered moved nothing over the wire: 0.
//
// The budget counts the shell (HTML, JS, CSS, wasm: everything outside /api/) the page, its
// worker and the browser (sw.js, the favicon) loaded before the chat list was interactive.
// Beside it: the API's answers in the same time (sign-in, the first sync), the service worker's
// precache (every file it keeps, asked for again while the page loads), and what loads later.
import { request as httpRequest } from "node:http";
import { readdir } from "node:fs/promises";
import { join, relative, sep } from "node:path";

import { launchChromium } from "../../tests/browser/support/chromium.mjs";
import { kStepTimeoutMs, shellCached, signInThroughTheForm } from "./app-steps.mjs";
import { interactiveMoment, recordInteractiveMoments } from "./interactive.mjs";
import { NetworkLog } from "./network-log.mjs";

export const kShellBudgetBytes = 480 * 1000;
const kQuietMs = 1000;
export const kMoments = {
  toSignIn: "to sign-in interactive",
  toChats: "sign-in to chat list interactive",
  afterChats: "after the chat list is interactive",
  onDemand: "on demand (QR code, charts)",
};

/** The URL paths of the built site's files, as the server serves them, without the service worker's own. */
async function siteFilesOf(siteDir) {
  const paths = [];
  for (const [folder, prefix] of [["web", "/"], ["wasm", "/wasm/"]]) {
    const root = join(siteDir, folder);
    for (const entry of await readdir(root, { withFileTypes: true, recursive: true })) {
      if (!entry.isFile() || /\.(br|gz)$/.test(entry.name)) continue;
      paths.push(prefix + relative(root, join(entry.parentPath ?? entry.path, entry.name)).split(sep).join("/"));
    }
  }
  return paths.filter((path) => path !== "/sw.js");
}

/** The URL paths the service worker keeps in its shell cache (web/sw.js names it parta-shell-…). */
async function precachedPaths(page) {
  return page.evaluate(async () => {
    const name = (await caches.keys()).find((key) => key.startsWith("parta-shell-"));
    return (await (await caches.open(name)).keys()).map((request) => new URL(request.url).pathname);
  });
}

/** No request outside /api/ (where the long-poll waits) started or ended for `kQuietMs`. */
async function networkQuiet(log) {
  const deadline = Date.now() + kStepTimeoutMs;
  while (Date.now() - log.lastShellActivity < kQuietMs) {
    if (Date.now() > deadline) throw new Error(`the shell's requests went on for ${kStepTimeoutMs / 1000} s`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

// The way the invite panel and the statistics load them (web/ui/invite-panel.js, stats-panel.js).
async function loadOnDemand(urls) {
  for (const url of urls) {
    if (url.endsWith(".mjs")) await import(url);
    else await (await fetch(url)).arrayBuffer();
  }
}

/** The bytes of the server's answer to GET `url` with `headers`: status line, headers and body, as sent. */
function answerSize(url, headers) {
  return new Promise((resolve, reject) => {
    const asked = httpRequest(url, { headers }, (answer) => {
      let bodyBytes = 0;
      answer.on("data", (chunk) => { bodyBytes += chunk.length; });
      answer.on("end", () => {
        let headerBytes = `HTTP/${answer.httpVersion} ${answer.statusCode} ${answer.statusMessage}\r\n\r\n`.length;
        for (let i = 0; i < answer.rawHeaders.length; i += 2) {
          headerBytes += Buffer.byteLength(`${answer.rawHeaders[i]}: ${answer.rawHeaders[i + 1]}\r\n`);
        }
        resolve({ status: answer.statusCode, encoding: answer.headers["content-encoding"] ?? "identity", headerBytes, bodyBytes });
      });
      answer.on("error", reject);
    });
    asked.on("error", reject);
    asked.end();
  });
}

const sumOf = (files) => files.reduce((total, file) => total + file.bytes, 0);

/** Answers the first visit's requests, each with its moment and bytes, and the sums the report prints. */
export async function measureFirstVisitTransfer(server, login) {
  const siteFiles = await siteFilesOf(server.siteDir);
  const browser = await launchChromium();
  let moments;
  let requests;
  let precached;
  let onDemand;
  try {
    const { context } = browser;
    await recordInteractiveMoments(context);
    const page = context.pages()[0] ?? (await context.newPage());
    const log = await NetworkLog.attach(context, page);
    await page.goto(`${server.url}/`, { waitUntil: "commit" });
    const signIn = await interactiveMoment(page, "signIn", kStepTimeoutMs);
    await signInThroughTheForm(page, login);
    const chats = await interactiveMoment(page, "chats", kStepTimeoutMs);
    await shellCached(page);
    await networkQuiet(log);
    precached = new Set(await precachedPaths(page));
    onDemand = siteFiles.filter((path) => !precached.has(path));
    const onDemandFromEpochMs = await page.evaluate(() => performance.timeOrigin + performance.now());
    await page.evaluate(loadOnDemand, onDemand);
    await networkQuiet(log);
    moments = { signIn, chats, onDemandFromEpochMs };
    requests = await log.requests();
  } finally {
    await browser.close();
  }
  const navigationEpochMs = moments.signIn.epochMs - moments.signIn.sinceNavigationMs;
  const momentOf = (startedEpochMs) => {
    if (startedEpochMs <= moments.signIn.epochMs) return kMoments.toSignIn;
    if (startedEpochMs <= moments.chats.epochMs) return kMoments.toChats;
    if (startedEpochMs < moments.onDemandFromEpochMs) return kMoments.afterChats;
    return kMoments.onDemand;
  };
  const acceptEncoding = requests.find((request) => request.requestHeaders?.["accept-encoding"])?.requestHeaders["accept-encoding"];
  if (!acceptEncoding) throw new Error("the browser's Accept-Encoding was not seen");
  const answers = new Map();
  const files = [];
  for (const request of requests) {
    const path = new URL(request.url).pathname;
    const api = path.startsWith("/api/");
    const file = {
      path,
      who: request.who,
      method: request.method,
      moment: momentOf(request.startedEpochMs),
      startedSinceNavigationMs: request.startedEpochMs - navigationEpochMs,
      api,
      precache: request.who === "service worker" && precached.has(path),
      answeredBy: request.viaServiceWorker ? "service worker" : "network",
      status: request.status,
      encoding: request.encoding,
      reportedBytes: request.reportedBytes,
      open: request.open,
      failed: request.failed,
    };
    if (file.answeredBy !== "network" || file.failed) {
      file.bytes = 0;
    } else if (api) {
      file.bytes = request.reportedBytes ?? 0;
    } else {
      // Chromium's network layer adds its Accept-Encoding to every request; a request reported
      // before that layer (the service worker's script; the favicon, seen by the protocol
      // without its headers) lacks it.
      const sent = Object.entries(request.requestHeaders ?? {}).filter(([name]) => !name.startsWith(":"));
      const headers = { "accept-encoding": acceptEncoding, ...Object.fromEntries(sent) };
      const key = `${path} ${headers["accept-encoding"]} ${headers["if-none-match"]}`;
      if (!answers.has(key)) answers.set(key, await answerSize(`${server.url}${path}`, headers));
      const answer = answers.get(key);
      file.bytes = answer.headerBytes + answer.bodyBytes;
      file.headerBytes = answer.headerBytes;
      file.status = answer.status;
      file.encoding = answer.status === 304 ? "304, not modified" : answer.encoding;
    }
    files.push(file);
  }
  files.sort((a, b) => a.startedSinceNavigationMs - b.startedSinceNavigationMs);

  const before = (file) => file.moment === kMoments.toSignIn || file.moment === kMoments.toChats;
  // The page's and its worker's own loads, and what the service worker fetched for them (a
  // file it does not keep); what the service worker answered from its cache carries 0 bytes.
  const forThePage = (file) => !file.api && !file.precache;
  const shellBefore = files.filter((file) => before(file) && forThePage(file));
  const loadedByThePage = new Set(shellBefore.filter((file) => file.bytes > 0).map((file) => file.path));
  const precache = files.filter((file) => file.precache);
  return {
    acceptEncoding,
    moments: {
      signInSinceNavigationMs: moments.signIn.sinceNavigationMs,
      chatsSinceNavigationMs: moments.chats.sinceNavigationMs,
    },
    files,
    budgetBytes: kShellBudgetBytes,
    shellToSignInBytes: sumOf(shellBefore.filter((file) => file.moment === kMoments.toSignIn)),
    shellBeforeChatsBytes: sumOf(shellBefore),
    shellBeforeChatsHeaderBytes: shellBefore.reduce((total, file) => total + (file.headerBytes ?? 0), 0),
    apiBeforeChatsBytes: sumOf(files.filter((file) => before(file) && file.api)),
    precacheBytes: sumOf(precache),
    precacheBeforeChatsBytes: sumOf(precache.filter(before)),
    precacheRefetchedBytes: sumOf(precache.filter((file) => loadedByThePage.has(file.path))),
    allBeforeChatsBytes: sumOf(files.filter(before)),
    afterChatsBytes: sumOf(files.filter((file) => forThePage(file) && file.moment === kMoments.afterChats)),
    onDemandBytes: sumOf(files.filter((file) => forThePage(file) && file.moment === kMoments.onDemand)),
    onDemandFiles: onDemand,
  };
}
