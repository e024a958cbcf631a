// Dedicated module Worker that owns the Parta core (wasm). The page talks to it only through
// messages, so parsing, policy and storage never block the UI thread.
//
// Protocol: the worker first posts {type: "ready"} or {type: "failed", message}. Then each
// request {id, method, args} gets {id, result} or {id, error: {name, message}}.
import createParta from "./wasm/parta.mjs";

const partaReady = createParta();

partaReady.then(
  () => self.postMessage({ type: "ready" }),
  (error) => self.postMessage({ type: "failed", message: String(error) }),
);

self.onmessage = async ({ data: { id, method, args } }) => {
  try {
    const parta = await partaReady;
    if (typeof parta[method] !== "function") throw new TypeError(`unknown method ${method}`);
    self.postMessage({ id, result: parta[method](...args) });
  } catch (error) {
    self.postMessage({ id, error: { name: error?.name ?? "Error", message: String(error?.message ?? error) } });
  }
};
