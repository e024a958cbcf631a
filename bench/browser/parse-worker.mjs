// What parsing and validating a sync page costs in our module, against V8's JSON.parse of the
// same text, both timed in this one worker (issue 12's goal: ours ≤ 2× JSON.parse).
//
// Ours is timed as Client.applySync of the page with one more event at the end, of an unknown
// type: the parser reads and validates every event before it, as for a real page, and then
// refuses the page, so the store is never touched. That includes what any caller pays and
// JSON.parse does not: copying the text into wasm memory as UTF-8 and answering the refusal.
// Posts {ok: true, value: {TEXTS: {jsonParseMs, oursMs, bytes}}} for each text size of
// workload.mjs (one sample per page and round), or {ok: false, message}.
import createParta from "/wasm/parta.mjs";

import { kPageMessages, kTextSizes, syncPageText } from "./workload.mjs";

const kPages = 20;
const kRounds = 5;

function refusedAtTheEnd(text) {
  return `${text.slice(0, -2)},{"type":"parseProbe"}]}`;
}

// Samples for one text size.
function measureTexts(client, texts) {
  const pages = [];
  for (let page = 0; page < kPages; ++page) pages.push(syncPageText(1 + (page + 1) * kPageMessages, kPageMessages, texts));
  const probes = pages.map(refusedAtTheEnd);
  // Each probe must be refused for its last event alone, or the figure would time less work.
  const expected = `events[${kPageMessages}].type: expected a known event type`;
  const refusal = JSON.parse(client.applySync(probes[0], 0));
  if (refusal.ok !== false || refusal.detail !== expected) throw new Error(`probe answered ${JSON.stringify(refusal)}`);
  const jsonParseMs = [];
  const oursMs = [];
  let events = 0;
  for (let round = 0; round < kRounds; ++round) {
    for (let page = 0; page < kPages; ++page) {
      let started = performance.now();
      events += JSON.parse(pages[page]).events.length;
      jsonParseMs.push(performance.now() - started);
      started = performance.now();
      client.applySync(probes[page], 0);
      oursMs.push(performance.now() - started);
    }
  }
  if (events !== kRounds * kPages * kPageMessages) throw new Error(`JSON.parse read ${events} events`);
  return { jsonParseMs, oursMs, bytes: new TextEncoder().encode(pages[0]).length };
}

async function measure() {
  const parta = await createParta();
  const client = new parta.Client();
  try {
    return Object.fromEntries(Object.keys(kTextSizes).map((texts) => [texts, measureTexts(client, texts)]));
  } finally {
    client.delete();
  }
}

measure().then(
  (value) => self.postMessage({ ok: true, value }),
  (error) => self.postMessage({ ok: false, message: String(error?.message ?? error) }),
);
