// parta.decide calls per second in wasm under Node, through the same binding the browser uses
// (JS objects → JSON text → core → JS objects). Run from the repository root:
//   node --no-experimental-fetch bench/policy_bench_wasm.mjs
// PARTA_WASM_DIR picks the wasm build (default build/wasm). All ids are fictional.
import { createRequire } from "node:module";
import { resolve } from "node:path";
import { fileURLToPath } from "node:url";

const kRepository = resolve(fileURLToPath(import.meta.url), "../..");
const kWasmDir = resolve(kRepository, process.env.PARTA_WASM_DIR ?? "build/wasm");
const kSecondsPerCase = Number(process.env.PARTA_BENCH_SECONDS ?? 2);

const require = createRequire(import.meta.url);
const createParta = require(resolve(kWasmDir, "parta-node.cjs"));
const parta = await createParta();

const classTeacher = { userId: "u-class-teacher", roles: ["teacher"], verified: true, classTeacherOf: ["5A"], teaches: ["5A"] };
const student = { userId: "u-student-5a", roles: ["student"], studentOf: "5A" };
const parent = { userId: "u-parent-5a", roles: ["parent"], children: [{ userId: "u-student-5a", classId: "5A" }] };
const admin = { userId: "u-admin", roles: ["admin"] };

// A mix of allowed and denied checks of every kind the UI and the server make.
const kMix = [
  [student, "post", { chat: "class_chat", classId: "5A", chatRole: "member" }],
  [student, "read", { chat: "class_chat", classId: "6B", chatRole: "member" }],
  [parent, "post", { chat: "parents_chat", classId: "5A", chatRole: "member" }],
  [parent, "create_chat", { chat: "direct", counterpart: { userId: "u-student-6b", roles: ["student"] } }],
  [classTeacher, "create_chat", { chat: "parents_chat", classId: "5A" }],
  [classTeacher, "create_invite", { chat: "class_chat", classId: "5A", grantedRole: "student" }],
  [classTeacher, "mute_member", { chat: "class_chat", classId: "5A", member: { roles: ["student"], chatRole: "member" } }],
  [admin, "remove_member", { chat: "management_chat", member: { roles: ["director"], chatRole: "member" } }],
  [admin, "verify_teacher", {}],
  [student, "post", { chat: "school_channel" }],
];

// PARTA_BENCH_OUT names a JSON file for scripts/bench to compute ratios from.
const results = {};

function measure(name, body) {
  for (let i = 0; i < 2000; ++i) body(i);  // warm-up
  let calls = 0;
  const start = process.hrtime.bigint();
  const deadline = start + BigInt(kSecondsPerCase * 1e9);
  let now = start;
  while (now < deadline) {
    for (let i = 0; i < 1000; ++i) body(calls + i);
    calls += 1000;
    now = process.hrtime.bigint();
  }
  const seconds = Number(now - start) / 1e9;
  results[name] = calls / seconds;
  console.log(`${name.padEnd(40)} ${Math.round(calls / seconds).toLocaleString("en-US").padStart(12)} calls/s`);
}

console.log(`wasm: ${kWasmDir}/parta-node.cjs`);
measure("parta.decide (mixed requests)", (i) => {
  const [subject, action, target] = kMix[i % kMix.length];
  parta.decide(subject, action, target);
});
measure("parta.decide (student posts in class)", () => parta.decide(kMix[0][0], kMix[0][1], kMix[0][2]));
measure("parta.allowedActions (20 actions each)", (i) => {
  const [subject, , target] = kMix[i % kMix.length];
  parta.allowedActions(subject, target);
});

if (process.env.PARTA_BENCH_OUT) {
  const { writeFile } = await import("node:fs/promises");
  await writeFile(process.env.PARTA_BENCH_OUT, JSON.stringify(results));
}
