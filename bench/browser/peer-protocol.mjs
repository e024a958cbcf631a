// The message protocol of web/parta-worker.js, for the peer contenders' workers, so the page
// drives all three through startPartaWorker() and every contender pays the same messaging cost:
// the worker posts {type: "ready"} or {type: "failed", message}, then answers each
// {id, method, args} with {id, resultText} or {id, error: {name, message}}. As ours does, the
// result crosses to the page as one JSON string that the page parses: for a page of 50 messages
// that costs a third of cloning the objects, and an application on sqlite-wasm would do the same.
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
      self.postMessage({ id, resultText: JSON.stringify(await methods[method](...args)) });
    } catch (error) {
      self.postMessage({ id, error: { name: error?.name ?? "Error", message: String(error?.message ?? error) } });
    }
  };
}
