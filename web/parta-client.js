// Main-thread handle on the Parta worker: starts it, waits for the handshake and turns each
// core call into a promise. It forwards calls and the worker's notices and adds nothing of its
// own.

/** Calls the worker answers; names and arguments mirror parta.d.ts. */
const kCoreMethods = ["parseInviteLink", "extractInviteLinks", "formatInviteCode", "generateInviteCode", "decide", "allowedActions"];

/** Methods of the worker's one parta.Client, called as client.NAME; client.open (below) creates it. */
const kClientMethods = [
  "close", "applySync", "nextRequest", "onSyncFailed", "reconnected", "chats", "people", "messages", "search", "enqueue", "outbox",
  "onSendResult", "editUnsent", "retryUnsent", "discardUnsent", "editMessage", "deleteMessage", "votePoll", "markRead",
  "setDraft", "draft", "allowedActions", "inviteRoles", "memberActions", "schoolActions", "actionsOnPeople", "chatsToCreate", "wipe",
  "checkIntegrity",
];

export class PartaWorkerError extends Error {
  constructor({ name, message }) {
    super(message);
    this.name = name;
  }
}

export async function startPartaWorker(workerUrl = new URL("./parta-worker.js", import.meta.url)) {
  const worker = new Worker(workerUrl, { type: "module" });
  const pending = new Map();
  let nextId = 1;

  await new Promise((resolve, reject) => {
    worker.addEventListener("error", (event) => reject(new Error(event.message || "worker failed to start")), {
      once: true,
    });
    worker.addEventListener("message", function onHandshake({ data }) {
      if (data.type === "ready") resolve();
      else if (data.type === "failed") reject(new Error(data.message));
      else return;
      worker.removeEventListener("message", onHandshake);
    });
  });

  // The store may have changed, by a call of this tab or of another tab on the same database:
  // listeners re-read what they show. They get {method}, the call that ran ("client.enqueue").
  const changeListeners = new Set();
  // This tab took the database over when the tab that owned it closed: it now runs the
  // database, so it is the one tab that should sync. Listeners get "owner".
  const roleListeners = new Set();
  const subscribe = (listeners) => (callback) => {
    listeners.add(callback);
    return () => listeners.delete(callback);
  };

  worker.addEventListener("message", ({ data }) => {
    if (data.type === "changed") {
      for (const listener of changeListeners) listener({ method: data.method });
      return;
    }
    if (data.type === "role") {
      for (const listener of roleListeners) listener(data.role);
      return;
    }
    const request = pending.get(data.id);
    if (!request) return;
    pending.delete(data.id);
    if (data.error) request.reject(new PartaWorkerError(data.error));
    else if (typeof data.resultText === "string") request.resolve(JSON.parse(data.resultText));
    else request.resolve(data.result);
  });

  const call = (method, ...args) =>
    new Promise((resolve, reject) => {
      const id = nextId++;
      pending.set(id, { resolve, reject });
      worker.postMessage({ id, method, args });
    });

  // Lets go of the database files and its Web Lock at once, so the next owner (a reload,
  // another tab) need not wait for this worker to be torn down.
  addEventListener("pagehide", () => worker.postMessage({ id: 0, method: "client.close", args: [] }));

  const client = {
    call,
    terminate: () => worker.terminate(),
    /** Returns a function that unsubscribes. */
    onChange: subscribe(changeListeners),
    /** Returns a function that unsubscribes. */
    onRoleChange: subscribe(roleListeners),
  };
  for (const method of kCoreMethods) client[method] = (...args) => call(method, ...args);
  /** Where this browser would keep a store: {tier, fallbackReasons}, as client.open answers. */
  client.probeStorage = (options) => call("storage.probe", options);
  client.client = {};
  for (const method of kClientMethods) client.client[method] = (...args) => call(`client.${method}`, ...args);
  client.client.open = async (options) => {
    // Asks the browser not to evict the offline store under storage pressure. Only a page may
    // ask (workers have no StorageManager.persist), so the page asks while its worker opens.
    const persisted =
      options?.databaseName && typeof navigator.storage?.persist === "function"
        ? navigator.storage.persist().catch(() => false)
        : false;
    const [opened, persistent] = await Promise.all([call("client.open", options), persisted]);
    return { ...opened, persistent };
  };
  return client;
}
