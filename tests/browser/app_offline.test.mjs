// The app with no network: the service worker starts a repeat visit from its cache, the chat
// list and messages come from the local database, what is written offline survives a reload
// and goes exactly once when the server is back, and a new version waits to be asked for.
// The network is taken away by stopping the server: setOffline would not stop the service
// worker's own fetches.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { cp, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";

import { launchChromium } from "./support/chromium.mjs";
import { signInThroughTheForm, startReferenceServer } from "./support/reference-server.mjs";
import { kRepository } from "../../scripts/lib/static-server.mjs";

let server;
let profile;

before(async () => {
  server = await startReferenceServer();
  profile = await mkdtemp(join(tmpdir(), "parta-profile-"));
});

after(async () => {
  await server?.close();
  await rm(profile, { recursive: true, force: true });
});

async function openApp(browser) {
  const page = await browser.context.newPage();
  await page.goto(`${server.url}/`);
  await page.waitForSelector("body[data-ready='true']", { timeout: 30000 });
  return page;
}

const messageWith = (page, words) => page.locator(".message", { has: page.locator(".message-text", { hasText: words }) });

async function openChat(page, title) {
  await page.locator(".chat-entry", { hasText: title }).first().click();
  await page.waitForFunction((expected) => document.querySelector("#chat-title")?.textContent === expected, title);
}

async function send(page, words) {
  await page.getByLabel("Сообщение").fill(words);
  await page.getByRole("button", { name: "Отправить" }).click();
}

// Controlled by a service worker whose cache holds the whole shell.
async function shellCached(page) {
  await page.waitForFunction(async () => {
    if (!navigator.serviceWorker.controller) return false;
    const names = await caches.keys();
    return names.some((name) => name.startsWith("parta-shell-"));
  }, null, { timeout: 60000 });
}

test("a repeat visit with no network opens the chats from the device, and what is written offline goes once when the server is back", async () => {
  let browser = await launchChromium({ profileDirectory: profile });
  let page = await openApp(browser);
  await signInThroughTheForm(page, "parent-5a-1");
  await openChat(page, "Родители 5А");
  await page.locator(".message").first().waitFor();
  const lastMessages = await page.locator(".message-text").allTextContents();
  await shellCached(page);
  await browser.close();

  const words = `Написано без сети ${Date.now()}`;
  await server.stop();
  try {
    browser = await launchChromium({ profileDirectory: profile });
    page = await openApp(browser);
    await page.waitForSelector("body[data-screen='chats']");
    await page.locator(".chat-entry", { hasText: "Родители 5А" }).waitFor();
    await openChat(page, "Родители 5А");
    await page.locator(".message").first().waitFor();
    assert.deepEqual(await page.locator(".message-text").allTextContents(), lastMessages);
    await page.waitForSelector("#connection[data-state='offline']", { timeout: 60000 });

    await send(page, words);
    await messageWith(page, words).locator(".delivery.sending").waitFor();
    await page.reload();
    await page.waitForSelector("body[data-screen='chats']");
    await messageWith(page, words).locator(".delivery.sending").waitFor();
  } finally {
    await server.restart();
  }
  await messageWith(page, words).locator(".delivery.sent").waitFor({ timeout: 90000 });
  await page.waitForSelector("#connection[data-state='online']");
  // Exactly once on the server: what a fresh sign-in elsewhere syncs.
  const teacher = await launchChromium();
  try {
    const teacherPage = await openApp(teacher);
    await signInThroughTheForm(teacherPage, "teacher-5a");
    await openChat(teacherPage, "Родители 5А");
    await messageWith(teacherPage, words).waitFor();
    assert.equal(await messageWith(teacherPage, words).count(), 1);
  } finally {
    await teacher.close();
  }
  await browser.close();
});

test("a new version is offered as «доступна новая версия — обновить» and takes over only when asked", async () => {
  const browser = await launchChromium({ profileDirectory: profile });
  try {
    const page = await openApp(browser);
    await page.waitForSelector("body[data-screen='chats']");
    await shellCached(page);
    const marker = `/* version ${Date.now()} */`;
    const changed = await mkdtemp(join(tmpdir(), "parta-web-"));
    await server.deployNewVersion(async () => {
      await cp(join(kRepository, "web"), changed, { recursive: true });
      const style = join(changed, "style.css");
      await writeFile(style, `${await readFile(style, "utf8")}\n${marker}\n`);
      return changed;
    });
    await rm(changed, { recursive: true, force: true });
    await page.evaluate(async () => (await navigator.serviceWorker.getRegistration()).update());
    const offer = page.getByRole("status").filter({ hasText: "Доступна новая версия" });
    await offer.waitFor({ timeout: 60000 });
    // Still the old version until asked: no silent swap under the open database.
    assert.equal((await page.evaluate(() => fetch("/style.css").then((answer) => answer.text()))).includes(marker), false);
    await Promise.all([page.waitForEvent("load"), page.getByRole("button", { name: "Обновить" }).click()]);
    await page.waitForSelector("body[data-screen='chats']");
    assert.equal((await page.evaluate(() => fetch("/style.css").then((answer) => answer.text()))).includes(marker), true);
  } finally {
    await browser.close();
  }
});

test("exactly once under a route that drops half the answers after the server has taken the request: 200 messages, 200 on the server, in order", async () => {
  const browser = await launchChromium();
  try {
    const page = await openApp(browser);
    await signInThroughTheForm(page, "student-5b-4");
    await openChat(page, "5Б класс");
    // Every other send reaches the server, which stores it, and then its answer is lost.
    let sends = 0;
    await page.route("**/api/v1/messages", async (route) => {
      const answer = await route.fetch();
      sends += 1;
      const passed = sends % 2 === 1 ? route.abort("connectionreset") : route.fulfill({ response: answer });
      // On a loaded machine the page may have given up on the request meanwhile (the
      // transport's own timeout): its answer is lost either way.
      await passed.catch((error) => {
        if (!/already handled/.test(error.message)) throw error;
      });
    });
    const stamp = Date.now();
    const written = Array.from({ length: 200 }, (_, n) => `Поток ${stamp} №${String(n + 1).padStart(3, "0")}`);
    await page.evaluate(async (texts) => {
      const { startPartaWorker } = await import("/parta-client.js");
      // The same store as the page (this tab's worker forwards to the owner), so the app's own
      // transport sends them.
      const parta = await startPartaWorker();
      await parta.client.open({ databaseName: `parta-user-${JSON.parse(localStorage.getItem("parta.account")).userId}` });
      const chatId = document.querySelector(".chat-entry[aria-current='page']").dataset.chatId;
      for (const words of texts) await parta.client.enqueue(chatId, words, null, null, Date.now());
      parta.terminate();
    }, written);
    await page.evaluate(() => window.dispatchEvent(new Event("online")));
    await page.waitForFunction(async () => {
      const { startPartaWorker } = await import("/parta-client.js");
      const parta = await startPartaWorker();
      await parta.client.open({ databaseName: `parta-user-${JSON.parse(localStorage.getItem("parta.account")).userId}` });
      const outbox = await parta.client.outbox();
      parta.terminate();
      return outbox.ok && outbox.value.length === 0;
    }, null, { timeout: 240000, polling: 2000 });
    // A lost answer is followed by a retry or by the sync's copy of the message, whichever
    // comes first; either way the hazard happened this often.
    const lostAnswers = Math.ceil(sends / 2);
    assert.ok(lostAnswers >= 25, `only ${lostAnswers} answers were lost`);
    await page.unroute("**/api/v1/messages");

    // What the server holds, as a second person syncs it.
    const reader = await launchChromium();
    try {
      const readerPage = await openApp(reader);
      await signInThroughTheForm(readerPage, "student-5b-1");
      await openChat(readerPage, "5Б класс");
      await messageWith(readerPage, written.at(-1)).waitFor({ timeout: 60000 });
      // Every message of the chat on the reader's device, not just the page on screen.
      const all = await readerPage.evaluate(async () => {
        const { startPartaWorker } = await import("/parta-client.js");
        const parta = await startPartaWorker();
        await parta.client.open({ databaseName: `parta-user-${JSON.parse(localStorage.getItem("parta.account")).userId}` });
        const chatId = document.querySelector(".chat-entry[aria-current='page']").dataset.chatId;
        const page = await parta.client.messages(chatId, { limit: 500 });
        parta.terminate();
        return page.value.map((message) => message.text);
      });
      const seen = all.filter((words) => words.includes(String(stamp)));
      assert.deepEqual(seen, written);
    } finally {
      await reader.close();
    }
  } finally {
    await browser.close();
  }
});

test("two tabs of one person are both live: what either writes shows in both, once", async () => {
  const browser = await launchChromium();
  try {
    const first = await openApp(browser);
    await signInThroughTheForm(first, "teacher-math");
    await openChat(first, "5Б класс");
    const second = await openApp(browser);
    await second.waitForSelector("body[data-screen='chats']");
    await openChat(second, "5Б класс");
    const stamp = Date.now();
    await send(first, `Из первой вкладки ${stamp}`);
    await send(second, `Из второй вкладки ${stamp}`);
    for (const page of [first, second]) {
      for (const words of [`Из первой вкладки ${stamp}`, `Из второй вкладки ${stamp}`]) {
        await messageWith(page, words).locator(".delivery.sent").waitFor({ timeout: 60000 });
        assert.equal(await messageWith(page, words).count(), 1);
      }
    }
  } finally {
    await browser.close();
  }
});
