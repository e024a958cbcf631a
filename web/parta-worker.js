// Dedicated module Worker that owns the Parta core (wasm). The page talks to it only through
// messages, so parsing, policy and storage never block the UI thread.
//
// Protocol: the worker first posts {type: "ready"} or {type: "failed", message}. Then each
// request {id, method, args} gets {id, result} or {id, error: {name, message}}. Methods are
// the module's functions, "client.open" (args: [options]), which opens the worker's one
// parta.Client, and "client.NAME", which calls that Client's method NAME.
import createParta from "./wasm/parta.mjs";

const partaReady = createParta();
const kClientPrefix = "client.";
let client = null;

function call(parta, method, args) {
  if (method === "client.open") {
    client?.delete();
    client = new parta.Client(...args);
    return true;
  }
  if (method.startsWith(kClientPrefix)) {
    const name = method.slice(kClientPrefix.length);
    if (!client) throw new Error(`${method} before client.open`);
    if (typeof client[name] !== "function") throw new TypeError(`unknown method ${method}`);
    return client[name](...args);
  }
  if (typeof parta[method] !== "function") throw new TypeError(`unknown method ${method}`);
  return parta[method](...args);
}

partaReady.then(
  () => self.postMessage({ type: "ready" }),
  (error) => self.postMessage({ type: "failed", message: String(error) }),
);

self.onmessage = async ({ data: { id, method, args } }) => {
  try {
    self.postMessage({ id, result: call(await partaReady, method, args) });
  } catch (error) {
    self.postMessage({ id, error: { name: error?.name ?? "Error", message: String(error?.message ?? error) } });
  }
};
