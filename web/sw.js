// The service worker: keeps the app shell (HTML, JS, CSS, the wasm module and its storage
// glue) so that a repeat visit starts with no network at all; the messages themselves are in
// the local database. Hand-written rather than Workbox: it precaches one list, answers from
// it, and waits to be told to take over, which is ~80 lines; Workbox's build tooling would
// be a larger dependency than the worker (docs/web.md).
//
// kShell lists every shell file with the hash of its bytes, written in when the site is built
// (scripts/lib/build-site.mjs). Any change to a file changes this script, the browser installs
// the new version beside the running one, and it waits: the page offers «доступна новая
// версия — обновить», and only then does the new version take over (never under an open
// database). Unbuilt (web/ served as it is, in development), kShell is null and the worker
// keeps nothing.
const kShell = null;  // written by scripts/lib/build-site.mjs

const kCachePrefix = "parta-shell-";
const cacheName = kShell ? `${kCachePrefix}${kShell.version}` : null;
// Every page of the app is index.html: "/", "/index.html" and "/join/<code>".
const kAppPage = "/index.html";

self.addEventListener("install", (event) => {
  if (!kShell) return;
  event.waitUntil((async () => {
    const cache = await caches.open(cacheName);
    // Revalidated with the server (its ETag), so the bytes are the current ones, yet what the
    // page has just loaded is not downloaded a second time: a 304 answers from the HTTP cache.
    // Files marked `precache: false` serve screens that need the server anyway (the QR code,
    // the charts): they come from the network when those open.
    const shellFiles = kShell.files.filter((file) => file.precache !== false);
    await cache.addAll(shellFiles.map(({ url }) => new Request(url, { cache: "no-cache" })));
  })());
});

self.addEventListener("activate", (event) => {
  event.waitUntil((async () => {
    // Older shells only: the attachments the page keeps for offline reading ("parta-attachments",
    // web/net/attachment-cache.js) are not the shell's, and outlive every version.
    for (const name of await caches.keys()) {
      if (name.startsWith(kCachePrefix) && name !== cacheName) await caches.delete(name);
    }
    // The first version controls the page that installed it at once; later versions reach
    // this point only when the page asked (below).
    await self.clients.claim();
  })());
});

self.addEventListener("message", (event) => {
  if (event.data?.type === "activate-new-version") self.skipWaiting();
});

const isAppPage = (url, request) =>
  request.mode === "navigate" || url.pathname === "/" || url.pathname === kAppPage || url.pathname.startsWith("/join/");

self.addEventListener("fetch", (event) => {
  if (!kShell) return;
  const request = event.request;
  const url = new URL(request.url);
  // The API, attachments and other origins go to the network as they are: the page itself
  // keeps the attachments it opened and answers from them (web/net/attachment-cache.js says why).
  if (request.method !== "GET" || url.origin !== self.location.origin || url.pathname.startsWith("/api/")) return;
  const key = isAppPage(url, request) ? kAppPage : url.pathname;
  event.respondWith((async () => {
    const cached = await (await caches.open(cacheName)).match(key);
    return cached ?? fetch(request);
  })());
});
