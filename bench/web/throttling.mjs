// Chrome DevTools' "Slow 4G" network preset, applied to a page, its worker and its service
// worker. The numbers are DevTools' own (ChromeDevTools/devtools-frontend,
// front_end/core/sdk/NetworkManager.ts, Slow4GConditions, which DevTools sends as
// Network.emulateNetworkConditions with connectionType cellular4g): ~1.6 Mbit/s down and
// ~0.75 Mbit/s up, each times 0.9, and a 150 ms round trip times 3.75.
// DevTools' network presets throttle the network only; CPU throttling is a separate setting
// there, so none is applied here.
//
// The page and the service worker each take the conditions on their own target: a service
// worker's fetches do not follow the page's (measured: a 300 KB fetch from the service worker
// took 8 ms with only the page throttled, 2.24 s with the service worker throttled too). A
// dedicated worker's fetches do follow the page's (the same fetch from a dedicated worker took
// 2.24 s with only the page throttled), and its own target refuses the call ("Not supported").
// Each target is throttled on its own, as DevTools does, so the page and the service worker do
// not share one link's bandwidth as they would on a phone.
//
// The service worker is attached while it waits to start, but it starts as soon as Playwright,
// attached too, lets it go (targets.mjs); so every request is checked afterwards: one the
// network answered sooner than the emulated latency was not throttled, and is reported.
import { preparePageAndServiceWorkers } from "./targets.mjs";

export const kSlow4GName = "Chrome DevTools' Slow 4G preset";
/** Network.emulateNetworkConditions' parameters: bytes per second, milliseconds. */
export const kSlow4G = {
  offline: false,
  downloadThroughput: (1.6 * 1000 * 1000 / 8) * 0.9,
  uploadThroughput: (750 * 1000 / 8) * 0.9,
  latency: 150 * 3.75,
  connectionType: "cellular4g",
};

async function throttle(target) {
  await target.send("Network.enable");
  await target.send("Network.emulateNetworkConditions", kSlow4G);
}

/**
 * Throttles `page` (and with it its worker) and the service worker it starts to Slow 4G, and
 * watches every request of `context`. Answers {targets(), unthrottled()}: the kinds of target
 * throttled, and the requests the network answered sooner than the emulated latency, with the
 * problems met.
 */
export async function throttleEveryTarget(context, page) {
  const answeredSooner = [];
  context.on("requestfinished", (request) => {
    request.response().then((answer) => {
      if (!answer || answer.fromServiceWorker()) return;
      const { responseStart } = request.timing();
      if (responseStart >= 0 && responseStart < kSlow4G.latency) {
        answeredSooner.push(`${new URL(request.url()).pathname} in ${Math.round(responseStart)} ms`);
      }
    }, () => {
      // A request that ends as the start's browser closes is not read: the start is over.
    });
  });
  const { targets, problems } = await preparePageAndServiceWorkers(context, page, throttle);
  return {
    targets: () => [...new Set(targets.map((target) => target.type.replace("_", " ")))],
    unthrottled: () => [...answeredSooner, ...problems],
  };
}
