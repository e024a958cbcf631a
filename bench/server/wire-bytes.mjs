// Bytes on the wire per synced message (issue 13, "Weak connections"): the demo school's first
// sync of several people, and one message delivered to a waiting long-poll, each as the server
// sends it plain and gzipped. Sizes only, no timing: the figures are the same on any machine.
// Usage: node bench/server/wire-bytes.mjs PARTA_SERVER_BINARY
import { spawn } from "node:child_process";
import { request } from "node:http";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";

const [binary] = process.argv.slice(2);
const people = ["teacher-5a", "student-5a-1", "parent-5a-1", "admin"];

function exchange(port, method, path, { body, cookie, gzip } = {}) {
  return new Promise((resolve, reject) => {
    const headers = { "X-Parta-Request": "1" };
    if (cookie) headers.Cookie = cookie;
    if (gzip) headers["Accept-Encoding"] = "gzip";
    if (body) headers["Content-Type"] = "application/json";
    const call = request({ host: "127.0.0.1", port, method, path, headers }, (answer) => {
      const chunks = [];
      answer.on("data", (chunk) => chunks.push(chunk));
      answer.on("end", () => resolve({ status: answer.statusCode, headers: answer.headers, bytes: Buffer.concat(chunks) }));
    });
    call.on("error", reject);
    call.end(body ? JSON.stringify(body) : undefined);
  });
}

const directory = await mkdtemp(join(tmpdir(), "parta-wire-"));
const server = spawn(binary, ["--demo-school", "--port", "0", "--database", join(directory, "demo.sqlite3"),
  "--attachments", join(directory, "files"), "--sign-ins-per-minute-per-address", "1000"]);
const port = await new Promise((resolve, reject) => {
  let printed = "";
  server.stdout.on("data", (chunk) => {
    printed += chunk;
    const found = printed.match(/listening on http:\/\/127\.0\.0\.1:(\d+)/);
    if (found) resolve(Number(found[1]));
  });
  server.on("exit", () => reject(new Error(`parta-server stopped: ${printed}`)));
});

try {
  const rows = [];
  let totals = { messages: 0, plain: 0, gzip: 0 };
  const cookies = {};
  for (const login of people) {
    const signIn = await exchange(port, "POST", "/api/v1/session", { body: { login, password: `demo-${login}` } });
    if (signIn.status !== 200) throw new Error(`${login}: sign-in answered ${signIn.status}`);
    cookies[login] = signIn.headers["set-cookie"][0].split(";")[0];
    let cursor = null;
    const sizes = { messages: 0, plain: 0, gzip: 0 };
    for (let page = 0; page < 100; page += 1) {
      const path = `/api/v1/sync?limit=1000${cursor ? `&since=${cursor}` : ""}`;
      const plain = await exchange(port, "GET", path, { cookie: cookies[login] });
      const gzipped = await exchange(port, "GET", path, { cookie: cookies[login], gzip: true });
      const json = JSON.parse(plain.bytes);
      sizes.messages += json.events.filter((event) => event.type === "message").length;
      sizes.plain += plain.bytes.length;
      sizes.gzip += gzipped.bytes.length;
      cursor = json.cursor;
      if (!json.more) break;
    }
    rows.push({ who: login, ...sizes });
    for (const key of Object.keys(totals)) totals[key] += sizes[key];
  }

  // One message to a waiting long-poll: what a phone receives per live message.
  const reader = cookies["student-5a-1"];
  const start = JSON.parse((await exchange(port, "GET", "/api/v1/sync?limit=1000", { cookie: reader })).bytes);
  let cursor = start.cursor;
  while (true) {
    const page = JSON.parse((await exchange(port, "GET", `/api/v1/sync?limit=1000&since=${cursor}`, { cookie: reader })).bytes);
    cursor = page.cursor;
    if (!page.more) break;
  }
  const chats = start.events.filter((event) => event.type === "chat" && event.chat.kind === "class_chat");
  const waiting = exchange(port, "GET", `/api/v1/sync?limit=1000&since=${cursor}`, { cookie: reader, gzip: true });
  await new Promise((done) => setTimeout(done, 200));
  const text = "Ребята, завтра контрольная по математике: повторите дроби и задачи на движение, стр. 45–52.";
  const sent = await exchange(port, "POST", "/api/v1/messages", {
    cookie: cookies["teacher-5a"],
    body: { clientId: crypto.randomUUID(), chatId: chats[0].chat.id, text },
  });
  if (sent.status !== 201) throw new Error(`send answered ${sent.status}`);
  const live = await waiting;

  console.log("Bytes on the wire per synced message, demo school (bench/server/wire-bytes.mjs)");
  console.log("first sync      messages     plain B    gzip B   plain B/msg  gzip B/msg  ratio");
  for (const row of [...rows, { who: "all four", ...totals }]) {
    console.log(`${row.who.padEnd(15)} ${String(row.messages).padStart(8)} ${String(row.plain).padStart(11)} ${String(row.gzip).padStart(9)}` +
      ` ${(row.plain / row.messages).toFixed(0).padStart(13)} ${(row.gzip / row.messages).toFixed(0).padStart(11)}  ${(row.plain / row.gzip).toFixed(2)}x`);
  }
  console.log(`live message to a waiting long-poll: ${live.bytes.length} B body` +
    ` (content-encoding: ${live.headers["content-encoding"] ?? "none"}; ${Buffer.byteLength(text)} B of text)`);
} finally {
  server.kill("SIGTERM");
  await rm(directory, { recursive: true, force: true });
}
