// Who runs the calls on a named database. OPFS sync access handles are exclusive to one
// context, so across the tabs of a browser exactly one worker, the owner, opens the files: it
// is elected with a Web Lock. The other tabs' workers are not locked out (users hated that in
// other web messengers, issue 5): as followers they forward their calls to the owner and relay
// its answers, and they queue for the lock so one of them reopens the files when the owner's
// tab closes. The routing knows nothing about what the calls mean beyond which ones only read.
//
// Messages on the BroadcastChannel `parta-db:${databaseName}`:
//   {type: "whoOwns"}                                  a worker that did not get the lock asks
//   {type: "owner", ownerId, tier, fallbackReasons}    the owner's reply; also sent once by
//                                                      each new owner when its files are open
//   {type: "call", to, from, callId, method, args}     a follower's call, addressed to the owner
//                                                      it knows, so a later owner never runs it
//   {type: "answer", to, callId, result | error}       the owner's answer to that follower
//   {type: "changed", method}                          the owner ran a call that may write
//
// Notices to this worker's page, through `notifyPage`:
//   {type: "changed", method}   the store may have changed, in this tab or another
//   {type: "role", role}        "owner" after this follower took over from a closed owner

// Calls that only read. After an owner change one is sent again, once. Every other call may
// have changed the store before the owner went away and is never re-run: a second enqueue
// would send the message twice.
const kReadOnlyMethods = new Set([
  "client.chats",
  "client.messages",
  "client.people",
  "client.search",
  "client.outbox",
  "client.draft",
  "client.allowedActions",
  "client.inviteRoles",
  "client.memberActions",
  "client.schoolActions",
  "client.actionsOnPerson",
  "client.chatsToCreate",
  "client.checkIntegrity",
]);

/** Whether the call `method` ("client.NAME") only reads the store. */
export const onlyReads = (method) => kReadOnlyMethods.has(method);

// An owner that is alive answers within one call's time; a 10,000-message sync page, the
// longest call, takes seconds. Past this the owner is presumed frozen or gone.
const kForwardTimeoutMs = 30000;

const ownerChanged = (method) =>
  Object.assign(
    new Error(`${method}: the tab that owned the database closed; the call may not have run. Check, then retry it.`),
    { name: "OwnerChanged" },
  );

const ownerUnreachable = (method) =>
  Object.assign(
    new Error(`${method}: the tab that owns the database did not answer in ${kForwardTimeoutMs / 1000} s; the call may not have run. Check, then retry it.`),
    { name: "OwnerUnreachable" },
  );

const errorValue = (error) => ({ name: error?.name ?? "Error", message: String(error?.message ?? error) });
const errorFrom = ({ name, message }) => Object.assign(new Error(message), { name });

export class DatabaseOwnership {
  /**
   * Opens `databaseName` as its owner or as a follower of the tab that owns it; without a
   * databaseName the store is private to this worker and nothing is elected.
   * `local`: {open() -> {tier, fallbackReasons}, close(), run(method, args) -> result,
   * serialize(task) -> task's promise, run after this worker's earlier calls}.
   * Answers {ownership, tier, fallbackReasons, role: "owner" | "follower"}.
   */
  static async open({ databaseName, local, notifyPage }) {
    const ownership = new DatabaseOwnership(local, notifyPage);
    // Safari before 15.4 has neither Web Locks nor BroadcastChannel; there, as before the
    // election, each tab opens the database itself (its IndexedDB tier, the one it can use).
    if (!databaseName || typeof navigator.locks?.request !== "function") {
      const opened = await local.open();
      ownership.#role = "owner";
      return { ownership, ...opened, role: "owner" };
    }
    const opened = await ownership.#elect(`parta-db:${databaseName}`);
    return { ownership, ...opened };
  }

  #id = crypto.randomUUID();
  #local;
  #notifyPage;
  // "electing" until open answers, then "owner" or "follower"; "takingOver" while a follower
  // opens the files; "closed".
  #role = "electing";
  #channel = null;
  #lockRequest = new AbortController();
  #releaseLock = null;
  #owner = null; // {ownerId, tier, fallbackReasons} of the owner this worker knows
  #takingOver = null;
  #pending = new Map(); // callId -> {method, args, mayRetry, resolve, reject, timer}
  #nextCallId = 1;
  #answerOpen = null;
  #unannounced = new Set(); // methods run here as owner that may have changed the store
  // Whether another worker of this database has spoken on the channel, so may be listening.
  // A post to the channel costs about a tenth of a durable commit even when nobody listens;
  // a tab alone, as on most phones, skips the change notices until a second tab asks who owns.
  #heardFromOthers = false;

  constructor(local, notifyPage) {
    this.#local = local;
    this.#notifyPage = notifyPage;
  }

  /**
   * Runs `method` on the database, here or at the owner. Call it in this worker's call order,
   * and announceChanges() once its answer is posted.
   */
  async call(method, args) {
    if (this.#role === "takingOver") await this.#takingOver;
    if (this.#role === "owner") return this.#runAsOwner(method, args);
    if (this.#role === "follower") return this.#forward(method, args, kReadOnlyMethods.has(method));
    throw new Error(`${method}: the database is closed`);
  }

  /**
   * Lets go of the files and the lock at once, so a follower takes over without waiting.
   * Called in this worker's call order too, so no call of its own still waits for an owner.
   */
  close() {
    this.announceChanges();
    const wasOwner = this.#role === "owner";
    this.#role = "closed";
    this.#lockRequest.abort();
    if (wasOwner) this.#local.close();
    this.#releaseLock?.();
    this.#channel?.close();
  }

  #elect(name) {
    const answered = new Promise((resolve, reject) => {
      this.#answerOpen = { resolve, reject };
    });
    this.#channel = new BroadcastChannel(name);
    this.#channel.onmessage = ({ data }) => this.#receive(data);
    navigator.locks
      .request(name, { signal: this.#lockRequest.signal }, () => this.#holdAsOwner())
      .catch((error) => {
        if (error?.name !== "AbortError") this.#answerOpen?.reject(error);
      });
    this.#channel.postMessage({ type: "whoOwns" });
    return answered;
  }

  // Runs while this worker holds the lock; the lock is released when the promise settles.
  async #holdAsOwner() {
    if (this.#role === "closed") return;
    const tookOver = this.#role === "follower";
    let finishTakingOver;
    this.#takingOver = new Promise((resolve) => (finishTakingOver = resolve));
    this.#role = "takingOver";
    let opened;
    try {
      opened = await this.#local.open();
    } catch (error) {
      this.#fail(error);
      return;
    } finally {
      finishTakingOver();
    }
    if (this.#role === "closed") {
      this.#local.close();
      return;
    }
    this.#role = "owner";
    this.#owner = { ownerId: this.#id, ...opened };
    const held = new Promise((release) => (this.#releaseLock = release));
    this.#channel.postMessage({ type: "owner", ...this.#owner });
    this.#redirectPending();
    if (tookOver) this.#notifyPage({ type: "role", role: "owner" });
    this.#answer({ ...opened, role: "owner" });
    await held;
  }

  // The files could not be opened: the open call fails, or after a takeover every call does.
  #fail(error) {
    this.#answerOpen?.reject(error);
    this.#answerOpen = null;
    this.#role = "closed";
    this.#channel.close();
    for (const [callId, call] of this.#pending) this.#settle(callId, () => call.reject(error));
  }

  #answer(opened) {
    this.#answerOpen?.resolve(opened);
    this.#answerOpen = null;
  }

  #receive(message) {
    this.#heardFromOthers = true;
    switch (message.type) {
      case "whoOwns":
        if (this.#role === "owner") this.#channel.postMessage({ type: "owner", ...this.#owner });
        break;
      case "owner":
        this.#followOwner(message);
        break;
      case "call":
        if (message.to === this.#id) this.#runForFollower(message);
        break;
      case "answer":
        if (message.to === this.#id) this.#receiveAnswer(message);
        break;
      case "changed":
        this.#notifyPage({ type: "changed", method: message.method });
        break;
    }
  }

  #followOwner({ ownerId, tier, fallbackReasons }) {
    // Only the lock holder announces itself: while this worker holds the lock, or is about to
    // open the files with it, an announcement from another was sent before that one let go.
    if (this.#role !== "electing" && this.#role !== "follower") return;
    if (this.#owner?.ownerId === ownerId) return;
    this.#owner = { ownerId, tier, fallbackReasons };
    this.#role = "follower";
    this.#redirectPending();
    this.#answer({ tier, fallbackReasons, role: "follower" });
  }

  /**
   * Tells the other tabs and this page which calls may have changed the store since the last
   * time. Call it once the call's answer is posted: the two notices took about 0.1 ms to post,
   * an eighth of a durable commit's round trip, which the caller then does not wait for.
   */
  announceChanges() {
    for (const method of this.#unannounced) {
      if (this.#heardFromOthers) this.#channel.postMessage({ type: "changed", method });
      this.#notifyPage({ type: "changed", method });
    }
    this.#unannounced.clear();
  }

  async #runAsOwner(method, args) {
    const result = await this.#local.run(method, args);
    if (!kReadOnlyMethods.has(method)) this.#unannounced.add(method);
    return result;
  }

  async #runForFollower({ from, callId, method, args }) {
    const answer = await this.#local.serialize(async () => {
      // Closed in the meantime: no answer, so the follower hears of the next owner instead.
      if (this.#role !== "owner") return null;
      try {
        return { result: await this.#runAsOwner(method, args) };
      } catch (error) {
        return { error: errorValue(error) };
      }
    });
    if (answer && this.#role === "owner") this.#channel.postMessage({ type: "answer", to: from, callId, ...answer });
    this.announceChanges();
  }

  #forward(method, args, mayRetry) {
    return new Promise((resolve, reject) => {
      const callId = this.#nextCallId++;
      const timer = setTimeout(() => this.#settle(callId, () => reject(ownerUnreachable(method))), kForwardTimeoutMs);
      this.#pending.set(callId, { method, args, mayRetry, resolve, reject, timer });
      this.#channel.postMessage({ type: "call", to: this.#owner.ownerId, from: this.#id, callId, method, args });
    });
  }

  #receiveAnswer({ callId, result, error }) {
    const call = this.#pending.get(callId);
    if (!call) return;
    this.#settle(callId, () => (error ? call.reject(errorFrom(error)) : call.resolve(result)));
  }

  #settle(callId, settle) {
    clearTimeout(this.#pending.get(callId).timer);
    this.#pending.delete(callId);
    settle();
  }

  // The calls sent to an owner that has been replaced: the new owner ignores them, as they
  // were addressed to the old one. Reads go again, to the new owner or to this worker.
  #redirectPending() {
    for (const [callId, call] of this.#pending) {
      this.#settle(callId, () => {
        if (!call.mayRetry) return call.reject(ownerChanged(call.method));
        const again = this.#role === "owner" ? this.#runAsOwner(call.method, call.args) : this.#forward(call.method, call.args, false);
        again.then(call.resolve, call.reject);
      });
    }
  }
}
