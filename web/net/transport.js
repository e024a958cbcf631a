// Performs what core asks for (client.nextRequest) and hands each answer back: the sync
// long-poll and the outbox's sends. Core decides what is due, in which order, how often to
// retry and what an answer means; this loop only does the fetches, and tells the page whether
// the server answers at all, which is what the offline banner shows (not navigator.onLine).
import { exchange, NoAnswer } from "./api.js";

// The server holds a sync for up to ~25 s when there is nothing new (docs/protocol.md).
const kSyncTimeoutMs = 40000;
const kSendTimeoutMs = 20000;
// A core call that failed (the store is busy or broken) is tried again after this.
const kCoreRetryMs = 2000;

export class Transport {
  #client;
  #onReachable;
  #onSignedOut;
  #onError;
  #running = false;
  #wake = null;
  #timer = null;
  #reachable = true;
  #aborts = new Set();

  /**
   * client: the page's handle on the worker's parta.Client (parta.client).
   * onReachable(boolean): whether the last request got an answer.
   * onSignedOut(code): the server no longer knows the session.
   * onError(result): a core call answered an error (e.g. STORAGE_FULL).
   */
  constructor(client, { onReachable, onSignedOut, onError }) {
    this.#client = client;
    this.#onReachable = onReachable;
    this.#onSignedOut = onSignedOut;
    this.#onError = onError;
  }

  get reachable() {
    return this.#reachable;
  }

  start() {
    if (this.#running) return;
    this.#running = true;
    this.#loop();
  }

  stop() {
    this.#running = false;
    for (const abort of this.#aborts) abort.abort();
    this.kick();
  }

  /** New input (a message written, the network back): look for due work now. */
  kick() {
    clearTimeout(this.#timer);
    const wake = this.#wake;
    this.#wake = null;
    wake?.();
  }

  /** The browser says the network is back: whatever waits out a backoff is due now. */
  async networkMayBeBack() {
    await this.#client.reconnected(Date.now());
    this.kick();
  }

  #sleep(untilMs) {
    return new Promise((resolve) => {
      this.#wake = resolve;
      if (untilMs !== null && untilMs !== undefined) {
        this.#timer = setTimeout(() => this.kick(), Math.max(0, untilMs - Date.now()));
      }
    });
  }

  async #loop() {
    while (this.#running) {
      const answer = await this.#client.nextRequest(Date.now());
      if (!this.#running) return;
      if (!answer.ok) {
        this.#onError(answer);
        await this.#sleep(Date.now() + kCoreRetryMs);
        continue;
      }
      const request = answer.value;
      if (request.kind === "none") {
        // Nothing due: wait for the time core names, for input, or for a request to finish.
        await this.#sleep(request.wakeAtMs);
        continue;
      }
      this.#perform(request);
    }
  }

  #perform(request) {
    const abort = new AbortController();
    this.#aborts.add(abort);
    (request.kind === "sync" ? this.#sync(request, abort.signal) : this.#send(request, abort.signal))
      .catch((error) => console.error("Parta transport", error))
      .finally(() => {
        this.#aborts.delete(abort);
        this.kick();
      });
  }

  async #markReachable(reachable) {
    if (reachable === this.#reachable) return;
    this.#reachable = reachable;
    // An answer after failures: the network is back, so nothing waits out its backoff.
    if (reachable) await this.#client.reconnected(Date.now());
    this.#onReachable(reachable);
  }

  async #sync(request, signal) {
    let answer;
    try {
      answer = await exchange(request.method, request.path, { timeoutMs: kSyncTimeoutMs, signal });
    } catch (error) {
      if (!(error instanceof NoAnswer)) throw error;
      await this.#client.onSyncFailed(0, Date.now());
      if (this.#running) await this.#markReachable(false);
      return;
    }
    await this.#markReachable(true);
    if (answer.status === 401) {
      await this.#client.onSyncFailed(401, Date.now());
      this.#onSignedOut(errorCodeOf(answer.text));
      return;
    }
    if (answer.status !== 200) {
      await this.#client.onSyncFailed(answer.status, Date.now());
      return;
    }
    const applied = await this.#client.applySync(answer.text, Date.now());
    if (!applied.ok) this.#onError(applied);
  }

  async #send(request, signal) {
    let status = 0;
    let text = "";
    try {
      ({ status, text } = await exchange(request.method, request.path, {
        body: request.body,
        timeoutMs: kSendTimeoutMs,
        signal,
      }));
    } catch (error) {
      if (!(error instanceof NoAnswer)) throw error;
    }
    // Status 0 is how core hears "no answer": it retries with the same clientId.
    const outcome = await this.#client.onSendResult(request.clientId, status, text, Date.now());
    if (!outcome.ok) this.#onError(outcome);
    if (status === 401) this.#onSignedOut(errorCodeOf(text));
    if (this.#running) await this.#markReachable(status !== 0);
  }
}

function errorCodeOf(text) {
  try {
    return JSON.parse(text)?.error?.code ?? "SESSION_ENDED";
  } catch {
    return "SESSION_ENDED";
  }
}
