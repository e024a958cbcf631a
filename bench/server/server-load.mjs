// Our reference server against ejabberd under the same load (docs/performance.md, "Our server
// against ejabberd"): each contender started fresh on the bench school, loaded by
// parta-server-load step by step until deliveries fall behind, twice and alternating, so
// the ratios come from one session of the machine.
// Usage: node bench/server/server-load.mjs BUILD_DIR [--rounds N] [--contenders parta,ejabberd]
//          [parta-server-load flags: --step-seconds S --max-steps N --start-rate R --rate-factor F
//           --grace-seconds S --clients N --chats N --chats-per-client N --senders N]
import { spawn } from "node:child_process";
import { mkdtemp, readFile, rm, writeFile, mkdir } from "node:fs/promises";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const [buildDir, ...rest] = process.argv.slice(2);
const options = { rounds: 2, contenders: "parta,ejabberd" };
const loadFlags = [];
const schoolFlags = [];
for (let i = 0; i < rest.length; i += 2) {
  const [flag, value] = [rest[i], rest[i + 1]];
  if (value === undefined) throw new Error(`${flag} needs a value`);
  if (flag === "--rounds") options.rounds = Number(value);
  else if (flag === "--contenders") options.contenders = value;
  else if (["--clients", "--chats", "--chats-per-client"].includes(flag)) schoolFlags.push(flag, value);
  else loadFlags.push(flag, value);
}
const schoolFlag = (name, fallback) => {
  const at = schoolFlags.indexOf(name);
  return at >= 0 ? Number(schoolFlags[at + 1]) : fallback;
};
// bench_school.h's defaults; ejabberd's users and rooms are made from these.
const school = { clients: schoolFlag("--clients", 1000), chats: schoolFlag("--chats", 30) };
const seedTool = join(buildDir, "bench/parta-bench-seed");
const loadClient = join(buildDir, "bench/parta-server-load");
const partaServer = join(buildDir, "server/parta-server");
const domain = "bench.parta.test";
const login = (client) => `pupil-${String(client).padStart(4, "0")}`;
const password = "bench-password-2026";  // bench_school.h's kPassword

function freePort() {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.on("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const { port } = probe.address();
      probe.close(() => resolve(port));
    });
  });
}

function run(command, args, { echo = true } = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ["ignore", "pipe", "inherit"] });
    let output = "";
    child.stdout.on("data", (chunk) => {
      output += chunk;
      if (echo) process.stdout.write(chunk);
    });
    child.on("error", reject);
    child.on("exit", (code) => (code === 0 ? resolve(output) : reject(new Error(`${command} exited with ${code}`))));
  });
}

function stop(child) {
  return new Promise((resolve) => {
    if (child.exitCode !== null) return resolve();
    child.on("exit", resolve);
    child.kill("SIGTERM");
  });
}

async function load(contender, port, pid) {
  const output = await run(loadClient, ["--contender", contender, "--port", String(port), "--server-pid", String(pid),
    ...schoolFlags, ...loadFlags]);
  const line = output.split("\n").find((text) => text.startsWith("summary "));
  return JSON.parse(line.slice("summary ".length));
}

// Durability is part of the contest: each contender's own database must hold every message the
// load client sent, so neither may win by keeping news in memory only. A server that fell behind
// still works through its queue when the load ends, so the count is read until it stops growing
// (at most 15 s). ejabberd's rollback journal locks readers out while it writes: hence the
// busy timeout.
async function checkStored(summary, database, table) {
  const count = async () => Number((await run("sqlite3", ["-cmd", ".timeout 5000", database, `SELECT count(*) FROM ${table}`], { echo: false })).trim());
  let stored = await count();
  for (let waited = 0; stored < summary.issued && waited < 15_000; waited += 1000) {
    await new Promise((done) => setTimeout(done, 1000));
    const now = await count();
    if (now === stored) break;
    stored = now;
  }
  console.log(`${summary.contender}: ${stored} of the ${summary.issued} messages sent are in its database (${table})`);
  summary.stored = stored;
}

async function runParta(directory) {
  const database = join(directory, "parta.sqlite3");
  await run(seedTool, [database, ...schoolFlags]);
  const port = await freePort();
  // Every client comes from 127.0.0.1: the per-address caps meant for the Internet would refuse
  // the thousand sign-ins and the 1,100 connections.
  const server = spawn(partaServer, ["--port", String(port), "--database", database, "--attachments", join(directory, "files"),
    "--max-connections-per-address", "100000", "--sign-ins-per-minute-per-address", "1000000",
    "--sign-ins-per-minute-per-login", "1000000"], { stdio: ["ignore", "pipe", "inherit"] });
  try {
    await new Promise((resolve, reject) => {
      let printed = "";
      server.stdout.on("data", (chunk) => {
        printed += chunk;
        if (printed.includes("listening on")) resolve();
      });
      server.on("exit", () => reject(new Error(`parta-server stopped: ${printed}`)));
    });
    const summary = await load("parta", port, server.pid);
    await checkStored(summary, database, "messages");
    return summary;
  } finally {
    await stop(server);
  }
}

async function ejabberdApi(httpPort, command, body) {
  const answer = await fetch(`http://127.0.0.1:${httpPort}/api/${command}`, { method: "POST", body: JSON.stringify(body) });
  const text = await answer.text();
  if (answer.status !== 200) throw new Error(`ejabberd /api/${command}: ${answer.status} ${text}`);
  return text;
}

async function runEjabberd(directory) {
  const spool = join(directory, "spool");
  await mkdir(spool, { recursive: true });
  await mkdir(join(directory, "log"), { recursive: true });
  const [c2sPort, httpPort] = [await freePort(), await freePort()];
  const template = await readFile(join(here, "ejabberd/ejabberd.yml"), "utf8");
  await writeFile(join(directory, "ejabberd.yml"), template.replaceAll("@DOMAIN@", domain).replaceAll("@SPOOL@", spool)
    .replaceAll("@C2S_PORT@", String(c2sPort)).replaceAll("@HTTP_PORT@", String(httpPort)));
  // ejabberd 23.01 does not create its SQL schema; the package ships it.
  const schema = await readFile("/usr/share/ejabberd/sql/lite.sql", "utf8");
  await new Promise((resolve, reject) => {
    const sqlite = spawn("sqlite3", [join(spool, "ejabberd.db")], { stdio: ["pipe", "inherit", "inherit"] });
    sqlite.on("exit", (code) => (code === 0 ? resolve() : reject(new Error("sqlite3 could not create ejabberd's schema"))));
    sqlite.stdin.end(schema);
  });
  const server = spawn(join(here, "ejabberd/run-ejabberd"), [directory], { stdio: ["ignore", "ignore", "inherit"] });
  try {
    const started = Date.now();
    for (;;) {
      try {
        await ejabberdApi(httpPort, "register", { user: login(0), host: domain, password });
        break;
      } catch (error) {
        if (server.exitCode !== null || Date.now() - started > 60_000) {
          throw new Error(`ejabberd did not start (see ${directory}/log): ${error.message}`);
        }
        await new Promise((done) => setTimeout(done, 250));
      }
    }
    const registering = Date.now();
    let next = 1;
    await Promise.all(Array.from({ length: 16 }, async () => {
      while (next < school.clients) await ejabberdApi(httpPort, "register", { user: login(next++), host: domain, password });
    }));
    for (let chat = 0; chat < school.chats; chat += 1) {
      await ejabberdApi(httpPort, "create_room_with_opts", { name: `chat-${chat}`, service: `conference.${domain}`, host: domain,
        options: [{ name: "mam", value: "true" }, { name: "persistent", value: "true" }, { name: "max_users", value: "1000" }] });
    }
    console.log(`ejabberd: ${school.clients} users registered and ${school.chats} rooms made over mod_http_api in ` +
      `${((Date.now() - registering) / 1000).toFixed(1)} s`);
    const summary = await load("ejabberd", c2sPort, server.pid);
    await checkStored(summary, join(spool, "ejabberd.db"), "archive");
    return summary;
  } finally {
    await stop(server);
  }
}

const runners = { parta: runParta, ejabberd: runEjabberd };
const contenders = options.contenders.split(",");
for (const name of contenders) if (!runners[name]) throw new Error(`unknown contender ${name}`);
const results = Object.fromEntries(contenders.map((name) => [name, []]));
for (let round = 1; round <= options.rounds; round += 1) {
  for (const name of contenders) {
    console.log(`\n== round ${round}: ${name}`);
    const directory = await mkdtemp(join(tmpdir(), `parta-server-load-${name}-`));
    try {
      results[name].push(await runners[name](directory));
    } finally {
      await rm(directory, { recursive: true, force: true });
    }
  }
}

console.log("\nsustained maximum: the highest step with ≥ 99% of its deliveries by its end + grace and p99 < 1 s");
const figure = (summary, key) => summary.sustained ? summary.sustained[key] : NaN;
for (const name of contenders) {
  const runs = results[name].map((summary) => summary.sustained
    ? `${summary.sustained.deliveriesPerSecond.toFixed(0)} deliveries/s, p99 ${summary.sustained.p99Ms.toFixed(1)} ms (step ${summary.sustained.step}` +
      `${summary.steps.every((step) => step.sustained) ? ", never fell behind: raise --max-steps" : ""})`
    : "no step kept up");
  console.log(`  ${name.padEnd(9)} ${runs.join("  |  ")}`);
}
if (results.parta && results.ejabberd) {
  for (let round = 0; round < options.rounds; round += 1) {
    const [ours, theirs] = [results.parta[round], results.ejabberd[round]];
    if (!ours.sustained || !theirs.sustained) {
      console.log(`  round ${round + 1}, ours/ejabberd: no ratio, a contender kept up at no step`);
      continue;
    }
    console.log(`  round ${round + 1}, ours/ejabberd: deliveries/s ` +
      `${(figure(ours, "deliveriesPerSecond") / figure(theirs, "deliveriesPerSecond")).toFixed(2)}×, ` +
      `p99 ${(figure(ours, "p99Ms") / figure(theirs, "p99Ms")).toFixed(2)}×`);
  }
}
