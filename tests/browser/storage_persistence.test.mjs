// The store on OPFS survives what happens to real tabs: a reload, a browser restart with the
// same profile, and a renderer crash in the middle of applying a 10,000-message sync page.
// After each crash SQLite's integrity check passes, the interrupted page is all there or not
// there at all, and every outbox item the app was told is saved is still saved.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";

import { startStaticServer } from "../../scripts/lib/static-server.mjs";
import { launchChromium, openApp } from "./support/chromium.mjs";

const kChats = 20;
const kOutboxChat = "999"; // receives no synced messages, so its page holds only outbox items
const kPageMessages = 10000;
const kCrashes = 20;

// A page of `messages` messages from `firstId` on; with no messages, the user and the chats.
// (A page holds at most 10,000 events, so a full page of messages carries nothing else.)
function syncPageText(cursor, firstId, messages) {
  const events = [];
  if (messages === 0) {
    events.push({ type: "me", me: { userId: 7, roles: ["parent"] } });
    for (const chatId of [...Array(kChats).keys()].map((i) => i + 1).concat(Number(kOutboxChat))) {
      events.push({ type: "chat", chat: { id: chatId, kind: "parents_chat", classId: "5A", title: `Чат ${chatId}`, createdAt: 1 } });
    }
  }
  for (let id = firstId; id < firstId + messages; ++id) {
    events.push({
      type: "message",
      message: { id, chatId: 1 + (id % kChats), senderId: 3, serverTime: 1700000000000 + id, text: `Сообщение ${id}: домашнее задание на завтра` },
    });
  }
  return JSON.stringify({ cursor, more: false, events });
}

// Starts the app's worker in `page` and opens the persistent store `databaseName`; the handle
// stays on globalThis.parta for the calls that follow.
async function openStore(page, databaseName = "persistence") {
  return page.evaluate(async (name) => {
    const { startPartaWorker } = await import("/parta-client.js");
    globalThis.parta = await startPartaWorker();
    return globalThis.parta.client.open({ databaseName: name, storage: "opfs" });
  }, databaseName);
}

const call = (page, method, ...args) =>
  page.evaluate(([name, values]) => globalThis.parta.call(`client.${name}`, ...values), [method, args]);

// How many of the page starting at `firstId` (above 1) are stored: it has
// kPageMessages / kChats messages in each chat, the oldest after firstId - 1.
async function storedOfPage(page, firstId) {
  return page.evaluate(
    async ([first, chats, perChat]) => {
      let stored = 0;
      for (let chat = 1; chat <= chats; ++chat) {
        const answer = await globalThis.parta.call("client.messages", String(chat), { afterId: String(first - 1), limit: perChat });
        if (!answer.ok) throw new Error(JSON.stringify(answer));
        stored += answer.value.filter((message) => message.id !== null && Number(message.id) < first + chats * perChat).length;
      }
      return stored;
    },
    [firstId, kChats, kPageMessages / kChats],
  );
}

async function outboxIds(page) {
  const answer = await call(page, "outbox");
  return answer.value.map((item) => item.clientId).sort();
}

// The reopened store passes SQLite's integrity check, holds `messages` messages of the page
// starting at id 1000 and exactly the outbox items `outbox`; then it is wiped for the next test.
async function checkStoreHoldsThenWipe(page, messages, outbox) {
  assert.equal((await call(page, "checkIntegrity")).value, "ok");
  assert.equal(await storedOfPage(page, 1000), messages);
  assert.deepEqual(await outboxIds(page), [...outbox].sort());
  assert.equal((await call(page, "wipe")).ok, true);
}

// How long applying one page takes here, uninterrupted, on a store of its own: the crashes
// are spread over twice that.
async function timeOneUninterruptedApply(browser) {
  const { page } = await openApp(browser, server);
  const milliseconds = await page.evaluate(async ([chatsText, pageText]) => {
    const { startPartaWorker } = await import("/parta-client.js");
    const parta = await startPartaWorker();
    await parta.client.open({ databaseName: "persistence-timing", storage: "opfs" });
    await parta.client.applySync(chatsText, Date.now());
    const started = performance.now();
    const applied = await parta.client.applySync(pageText, Date.now());
    const elapsed = performance.now() - started;
    await parta.client.wipe();
    if (!applied.ok) throw new Error(JSON.stringify(applied));
    return elapsed;
  }, [syncPageText("timing-chats", 0, 0), syncPageText("timing", kPageMessages, kPageMessages)]);
  await page.close();
  return milliseconds;
}

let server;
before(async () => {
  server = await startStaticServer();
});
after(async () => {
  await server?.close();
});

test("synced messages and the outbox survive a reload and a browser restart with the same profile", async () => {
  const profileDirectory = await mkdtemp(join(tmpdir(), "parta-profile-"));
  try {
    let browser = await launchChromium({ profileDirectory });
    let { page } = await openApp(browser, server);
    assert.equal((await openStore(page)).tier, "opfs");
    assert.equal((await call(page, "applySync", syncPageText("c-0", 0, 0), Date.now())).ok, true);
    assert.equal((await call(page, "applySync", syncPageText("c-1", 1000, 100), Date.now())).ok, true);
    const saved = await call(page, "enqueue", kOutboxChat, "Спасибо, придём", null, null, Date.now());
    assert.equal(saved.ok, true);

    await page.reload();
    await page.waitForSelector("body[data-ready='true']");
    await openStore(page);
    assert.equal(await storedOfPage(page, 1000), 100);
    assert.deepEqual(await outboxIds(page), [saved.value]);
    await browser.close();

    browser = await launchChromium({ profileDirectory });
    ({ page } = await openApp(browser, server));
    await openStore(page);
    await checkStoreHoldsThenWipe(page, 100, [saved.value]);
    await browser.close();
  } finally {
    await rm(profileDirectory, { recursive: true, force: true });
  }
});

test(`a renderer crash while a ${kPageMessages}-message page is applied, ${kCrashes} times, leaves the store whole`, async () => {
  const browser = await launchChromium();
  try {
    const acknowledged = [];
    const pages = []; // first ids of the pages whose apply was interrupted
    const committed = new Map(); // first id -> whether the page was found stored
    const applyMs = await timeOneUninterruptedApply(browser);
    for (let crash = 0; crash <= kCrashes; ++crash) {
      const { page } = await openApp(browser, server);
      assert.equal((await openStore(page)).tier, "opfs");
      assert.equal((await call(page, "checkIntegrity")).value, "ok", `after crash ${crash}`);
      assert.deepEqual(await outboxIds(page), [...acknowledged].sort(), `outbox after crash ${crash}`);
      const interrupted = pages.at(-1);
      if (interrupted !== undefined) {
        const stored = await storedOfPage(page, interrupted);
        assert.ok(stored === 0 || stored === kPageMessages, `page ${interrupted}: ${stored} of ${kPageMessages} stored`);
        committed.set(interrupted, stored === kPageMessages);
      }
      if (crash === kCrashes) {
        // Pages found committed earlier are still complete.
        for (const [firstId, wasStored] of committed) {
          if (wasStored) assert.equal(await storedOfPage(page, firstId), kPageMessages, `page ${firstId}`);
        }
        await page.close();
        break;
      }

      // The chats, so that the first message can be written before any page arrived.
      assert.equal((await call(page, "applySync", syncPageText(`chats-${crash}`, 0, 0), Date.now())).ok, true);
      const saved = await call(page, "enqueue", kOutboxChat, `Сообщение ${crash}`, null, null, Date.now());
      assert.equal(saved.ok, true, JSON.stringify(saved));
      acknowledged.push(saved.value);

      const firstId = (crash + 1) * kPageMessages;
      pages.push(firstId);
      const text = syncPageText(`c-${crash}`, firstId, kPageMessages);
      await page.evaluate((pageText) => {
        globalThis.applying = globalThis.parta.call("client.applySync", pageText, Date.now());
      }, text);
      // Evenly spread from before the transaction starts to well after it commits.
      await new Promise((resolve) => setTimeout(resolve, (crash / (kCrashes - 1)) * 2 * applyMs));
      const cdp = await page.context().newCDPSession(page);
      const crashed = new Promise((resolve) => page.once("crash", resolve));
      cdp.send("Page.crash").catch(() => {});
      await crashed;
      await page.close();
    }
    const outcomes = [...committed.values()];
    assert.ok(outcomes.includes(true) && outcomes.includes(false), "every crash fell on the same side of the commit");
  } finally {
    await browser.close();
  }
});

// The sizes of the OPFS files of database `databaseName`, once no context holds them.
function opfsFileSizes(page, databaseName) {
  return page.evaluate(async (name) => {
    const directory = await (await (await navigator.storage.getDirectory()).getDirectoryHandle("parta")).getDirectoryHandle(name);
    const sizes = {};
    for await (const [fileName, handle] of directory.entries()) {
      for (let attempt = 0; ; ++attempt) {
        try {
          sizes[fileName] = (await handle.getFile()).size;
          break;
        } catch (error) {
          // The killed worker's sync access handles are let go a moment later.
          if (attempt === 50) throw error;
          await new Promise((resolve) => setTimeout(resolve, 100));
        }
      }
    }
    return sizes;
  }, databaseName);
}

test("a second after the last write the worker empties the write-ahead log, so a killed tab leaves nothing to replay", async () => {
  const browser = await launchChromium();
  try {
    const { page } = await openApp(browser, server);
    assert.equal((await openStore(page, "compacted")).tier, "opfs");
    assert.equal((await call(page, "applySync", syncPageText("chats", 0, 0), Date.now())).ok, true);
    assert.equal((await call(page, "applySync", syncPageText("c-1", 1000, 2000), Date.now())).ok, true);
    const saved = await call(page, "enqueue", kOutboxChat, "Сообщение перед паузой", null, null, Date.now());
    assert.equal(saved.ok, true);

    await new Promise((resolve) => setTimeout(resolve, 2500));
    // Killed as a crashed tab is: no pagehide, no close.
    await page.evaluate(() => globalThis.parta.terminate());
    const sizes = await opfsFileSizes(page, "compacted");
    assert.equal(sizes["parta.sqlite3-wal"], 0, JSON.stringify(sizes));
    assert.ok(sizes["parta.sqlite3"] > 0, JSON.stringify(sizes));

    assert.equal((await openStore(page, "compacted")).tier, "opfs");
    await checkStoreHoldsThenWipe(page, 2000, [saved.value]);
    await page.close();
  } finally {
    await browser.close();
  }
});
