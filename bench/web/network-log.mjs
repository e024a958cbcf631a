// Every request of a browser context: the page's, its worker's and the service worker's, from
// Playwright's request events, which see all three from their first request (Playwright holds
// each worker until it is listening; a CDP session of our own on a worker attaches too late to
// see the worker's first imports, measured). The browser's own request for /favicon.ico is not
// among them; it comes from the protocol on the page, attached before the navigation.
// For each: when it started, who asked, the headers it went out with, whether the service worker
// answered it, and the sizes the browser reports (request.sizes(): the answer's headers and its
// body as sent).

export class NetworkLog {
  #entries = [];
  #browserOwn = [];
  /** Date.now() when a request outside /api/ last started or ended. */
  lastShellActivity = Date.now();

  /** Starts logging every request of `context`; `page` is the page about to navigate. */
  static async attach(context, page) {
    const log = new NetworkLog();
    context.on("request", (request) => log.#started(request));
    context.on("requestfinished", (request) => log.#ended(request, null));
    context.on("requestfailed", (request) => log.#ended(request, request.failure()?.errorText ?? "failed"));
    const session = await context.newCDPSession(page);
    session.on("Network.requestWillBeSent", ({ request, wallTime }) => {
      log.#browserOwn.push({ url: request.url, method: request.method, startedEpochMs: wallTime * 1000 });
    });
    await session.send("Network.enable");
    return log;
  }

  #active(url) {
    if (!new URL(url).pathname.startsWith("/api/")) this.lastShellActivity = Date.now();
  }

  #started(request) {
    this.#entries.push({
      request,
      url: request.url(),
      method: request.method(),
      who: request.serviceWorker() ? "service worker" : "page",
      // Its timing is filled in as it goes; until then, when Node heard of it.
      seenEpochMs: Date.now(),
      done: null,
    });
    this.#active(request.url());
  }

  #ended(request, failed) {
    const entry = this.#entries.find((candidate) => candidate.request === request);
    if (!entry) return;
    entry.done = (async () => {
      const answer = await request.response();
      const sizes = failed ? null : await request.sizes();
      return {
        failed,
        status: answer?.status(),
        encoding: answer ? (await answer.allHeaders())["content-encoding"] ?? "identity" : undefined,
        viaServiceWorker: answer?.fromServiceWorker() ?? false,
        reportedBytes: sizes ? sizes.responseHeadersSize + sizes.responseBodySize : 0,
        requestHeaders: await request.allHeaders(),
      };
    })();
    // Read by requests(), which reports a failure; unread, it must not end the process.
    entry.done.catch(() => {});
    this.#active(request.url());
  }

  /**
   * Every request so far: {url, method, who ("page": the page or its worker; "service
   * worker"; "browser"), startedEpochMs, open, failed, status, encoding, viaServiceWorker,
   * reportedBytes, requestHeaders (as sent)}; what the browser did not report is undefined.
   */
  async requests() {
    const seen = new Set(this.#entries.map((entry) => entry.url));
    const reported = await Promise.all(this.#entries.map(async ({ request, done, seenEpochMs, ...entry }) => ({
      ...entry,
      startedEpochMs: request.timing().startTime > 0 ? request.timing().startTime : seenEpochMs,
      open: done === null,
      ...(done ? await done : {}),
    })));
    const browserOwn = this.#browserOwn
      .filter((entry) => !seen.has(entry.url))
      .map((entry) => ({ ...entry, who: "browser", open: false }));
    return [...reported, ...browserOwn];
  }
}
