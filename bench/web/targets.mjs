// The DevTools targets a page's start runs in and that take network conditions of their own:
// the page itself and the service worker that answers it, each handed to `prepare` as it is
// attached. (A dedicated worker's requests follow the page's conditions, and its target refuses
// Network.emulateNetworkConditions with "Not supported", so workers are not attached.)
//
// Through one CDP session on the page, whose auto-attach (waitForDebuggerOnStart) attaches the
// service worker while it waits to start, the one that answers the page's navigation included.
// It starts as soon as Playwright, which attaches the same way, lets it go, which can be before
// `prepare` is done (measured on the core's worker: its first imports went out 25 ms after it
// was attached, before a Network.enable sent at once had taken effect). What `prepare` sets may
// so miss a target's first requests; throttling.mjs checks every request afterwards.
// Playwright's CDP sessions cannot address a child session, and browser-level auto-attach
// allows only the flat protocol, so children are reached in the non-flat mode: commands through
// Target.sendMessageToTarget, answers through Target.receivedMessageFromTarget.
// The same service worker may be attached twice (at the navigation, and again once it controls
// the page); each attachment is a target here.

/** One attached service worker: {type: "service_worker", send(method, params)}. */
class ChildTarget {
  #session;
  #sessionId;
  #nextId = 1;
  #pending = new Map();

  constructor(session, sessionId, type) {
    this.#session = session;
    this.#sessionId = sessionId;
    this.type = type;
  }

  send(method, params = {}) {
    const id = this.#nextId++;
    const answer = new Promise((resolve, reject) => this.#pending.set(id, { resolve, reject, method }));
    this.#session
      .send("Target.sendMessageToTarget", { sessionId: this.#sessionId, message: JSON.stringify({ id, method, params }) })
      .catch((error) => this.#settle({ id, error: { message: error.message } }));
    return answer;
  }

  /** An answer to one of our commands; the target's events are not read. */
  receive(message) {
    if (message.id !== undefined) this.#settle(message);
  }

  detached() {
    for (const id of [...this.#pending.keys()]) this.#settle({ id, error: { message: "target detached" } });
  }

  #settle({ id, result, error }) {
    const pending = this.#pending.get(id);
    if (!pending) return;
    this.#pending.delete(id);
    if (error) pending.reject(new Error(`${pending.method} on the ${this.type}: ${error.message}`));
    else pending.resolve(result);
  }
}

/**
 * Calls `prepare(target)` for `page` now and for every service worker of it as it starts.
 * Answers {targets, problems}: every target prepared, and what failed in `prepare` (a target
 * that ends while it is prepared, e.g.), as text.
 */
export async function preparePageAndServiceWorkers(context, page, prepare) {
  const session = await context.newCDPSession(page);
  const targets = [];
  const problems = [];
  const children = new Map();
  session.on("Target.receivedMessageFromTarget", ({ sessionId, message }) => {
    children.get(sessionId)?.receive(JSON.parse(message));
  });
  session.on("Target.detachedFromTarget", ({ sessionId }) => {
    children.get(sessionId)?.detached();
    children.delete(sessionId);
  });
  session.on("Target.attachedToTarget", async ({ sessionId, targetInfo, waitingForDebugger }) => {
    const child = new ChildTarget(session, sessionId, targetInfo.type);
    children.set(sessionId, child);
    targets.push(child);
    try {
      await prepare(child);
    } catch (error) {
      problems.push(error.message);
    } finally {
      if (waitingForDebugger) child.send("Runtime.runIfWaitingForDebugger").catch(() => {});
    }
  });
  const pageTarget = { type: "page", send: (method, params) => session.send(method, params) };
  targets.push(pageTarget);
  await prepare(pageTarget);
  await session.send("Target.setAutoAttach", {
    autoAttach: true,
    waitForDebuggerOnStart: true,
    flatten: false,
    filter: [{ type: "service_worker" }],
  });
  return { targets, problems };
}
