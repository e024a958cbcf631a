// The message protocol of web/parta-worker.js, for the peer contenders' workers, so the page
// drives all three through startPartaWorker() and every contender pays the same messaging cost:
// the worker posts {type: "ready"} or {type: "failed", message}, then answers each
// {id, method, args} with {id, result} or {id, error: {name, message}}.
//
// `methods` maps "client.NAME" to a function returning a result shaped like parta's
// ClientResult ({ok: true, value}), possibly through a promise.
export function servePeer(ready, methods) {
  ready.then(
    () => self.postMessage({ type: "ready" }),
    (error) => self.postMessage({ type: "failed", message: String(error) }),
  );
  self.onmessage = async ({ data: { id, method, args } }) => {
    try {
      await ready;
      if (typeof methods[method] !== "function") throw new TypeError(`unknown method ${method}`);
      self.postMessage({ id, result: await methods[method](...args) });
    } catch (error) {
      self.postMessage({ id, error: { name: error?.name ?? "Error", message: String(error?.message ?? error) } });
    }
  };
}
