// Prints the figures of one scripts/bench run side by side, with ratios between contenders
// measured in that same run. Reads Google Benchmark JSON and the wasm bench's JSON.
import { readFile } from "node:fs/promises";
import { join } from "node:path";

const [directory] = process.argv.slice(2);
const load = async (name) => JSON.parse(await readFile(join(directory, name), "utf8"));

// One entry per benchmark: the median of its repetitions when it was repeated.
function byName(report) {
  const entries = {};
  for (const b of report.benchmarks) {
    if (b.run_type !== "aggregate") entries[b.run_name] ??= b;
    else if (b.aggregate_name === "median") entries[b.run_name] = { ...b, name: b.run_name };
  }
  return entries;
}

const rate = (n) => `${Math.round(n).toLocaleString("en-US")}/s`;
const ms = (b) => {
  const scale = { ns: 1e-6, us: 1e-3, ms: 1, s: 1e3 }[b.time_unit];
  return b.real_time * scale;
};

const policyNative = byName(await load("policy-native.json"));
const policyWasm = await load("policy-wasm.json");
const nativeMixed = policyNative.BM_DecideEveryCell.items_per_second;
const nativeJson = policyNative.BM_DecideJson.items_per_second;
const wasmMixed = policyWasm["parta.decide (mixed requests)"];

console.log("\nPolicy decisions (same run)");
console.log(`  native decide(), structs            ${rate(nativeMixed)}`);
console.log(`  native decideJson(), JSON text      ${rate(nativeJson)}`);
console.log(`  wasm parta.decide(), JS objects     ${rate(wasmMixed)}`);
console.log(`  wasm / native JSON path             ${(wasmMixed / nativeJson).toFixed(3)}x`);
console.log(`  wasm / native structs               ${(wasmMixed / nativeMixed).toFixed(4)}x`);

const store = byName(await load("store-native.json"));
const targets = [
  ["ApplyPageOf1000Messages/100000/real_time", (b) => b.items_per_second, (v) => `${rate(v)} messages`, (v) => v >= 50000, "≥ 50,000 messages/s"],
  ["Latest50Page/100000", ms, (v) => `${v.toFixed(3)} ms`, (v) => v <= 0.5, "≤ 0.5 ms"],
  ["ChatListOf200/100000", ms, (v) => `${v.toFixed(3)} ms`, (v) => v <= 2, "≤ 2 ms"],
];
console.log("\nStore, native, 100k stored messages, medians of 3 runs (targets from the store issue)");
for (const [name, value, format, meets, target] of targets) {
  const v = value(store[name]);
  console.log(`  ${name.padEnd(34)} ${format(v).padStart(20)}   target ${target}: ${meets(v) ? "met" : "MISSED"}`);
}
console.log("\nStore, native, all figures");
for (const b of Object.values(store)) {
  const extra = b.items_per_second ? `  ${rate(b.items_per_second)}` : b.bytes_per_message ? `  ${b.bytes_per_message.toFixed(0)} bytes/message` : "";
  console.log(`  ${b.name.padEnd(34)} ${ms(b).toFixed(3).padStart(10)} ms${extra}`);
}
