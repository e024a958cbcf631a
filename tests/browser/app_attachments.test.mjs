// Attachments kept for offline reading (issue 14), against the real reference server and its
// demo school in headless Chromium: a file opened once opens again, the same bytes, with the
// server gone and across a new version of the app; settings show the space the kept files take
// and free it; signing out, deleting the account or someone else signing in leaves none; and a
// refused file is never kept. The network is taken away by stopping the server: setOffline
// would not stop the service worker's own fetches.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { cp, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { deflateSync } from "node:zlib";

import { launchChromium } from "./support/chromium.mjs";
import { signInThroughTheForm, startReferenceServer } from "./support/reference-server.mjs";
import { kRepository } from "../../scripts/lib/static-server.mjs";

let server;
const browsers = [];

before(async () => {
  server = await startReferenceServer();
});

after(async () => {
  for (const browser of browsers) await browser.close();
  await server?.close();
});

async function openApp() {
  const browser = await launchChromium();
  browsers.push(browser);
  const page = await browser.context.newPage();
  const problems = [];
  page.on("pageerror", (error) => problems.push(error));
  await page.goto(`${server.url}/`);
  await page.waitForSelector("body[data-ready='true']", { timeout: 30000 });
  return { browser, page, problems };
}

async function personIn(login) {
  const person = await openApp();
  await signInThroughTheForm(person.page, login);
  return person;
}

async function openChat(page, title) {
  await page.locator(".chat-entry", { hasText: title }).first().click();
  await page.waitForFunction((expected) => document.querySelector("#chat-title")?.textContent === expected, title);
}

const messageWith = (page, words) => page.locator(".message", { has: page.locator(".message-text", { hasText: words }) });

// A real PNG (1×1, what libmagic reads as image/png, which the server takes) followed by
// random bytes after its end, so the file does not compress and its size is well above a KB.
function pngFile(extraBytes) {
  const crcTable = Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let bit = 0; bit < 8; bit += 1) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  });
  const crc = (bytes) => {
    let c = 0xffffffff;
    for (const byte of bytes) c = crcTable[(c ^ byte) & 0xff] ^ (c >>> 8);
    return (c ^ 0xffffffff) >>> 0;
  };
  const chunk = (type, data) => {
    const body = Buffer.concat([Buffer.from(type, "ascii"), data]);
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    const check = Buffer.alloc(4);
    check.writeUInt32BE(crc(body));
    return Buffer.concat([length, body, check]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(1, 0);
  header.writeUInt32BE(1, 4);
  header[8] = 8;  // bit depth
  header[9] = 2;  // truecolour
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk("IHDR", header),
    chunk("IDAT", deflateSync(Buffer.from([0, 0x2e, 0x7d, 0x32]))),
    chunk("IEND", Buffer.alloc(0)),
    randomBytes(extraBytes),
  ]);
}

// The class teacher sends a message with `bytes` attached as `name` in Родители 5А, through
// the composer; answers the words the message says.
async function teacherSendsFile(name, bytes) {
  const teacher = await personIn("teacher-5a");
  await openChat(teacher.page, "Родители 5А");
  const composer = teacher.page.locator("#composer");
  await composer.locator("#file-input").setInputFiles({ name, mimeType: "image/png", buffer: bytes });
  await composer.locator(".upload-list li[data-state='ready']", { hasText: name }).waitFor();
  const words = `Фото с экскурсии ${Date.now()}`;
  await teacher.page.getByLabel("Сообщение").fill(words);
  await teacher.page.getByRole("button", { name: "Отправить" }).click();
  await messageWith(teacher.page, words).locator(".delivery.sent").waitFor();
  return words;
}

// The attachment's item in the parent's chat: its link, its «saved» mark and its note.
async function fileIn(page, words, name) {
  await openChat(page, "Родители 5А");
  const item = messageWith(page, words).locator(".attachments li", { hasText: name });
  await item.waitFor({ timeout: 30000 });
  return {
    item,
    link: item.getByRole("link", { name: new RegExp(name.replace(/\./g, "\\.")) }),
    mark: item.locator(".attachment-kept"),
    note: item.getByRole("status"),
  };
}

// Clicks the link and answers the bytes of the download it starts.
async function download(page, link) {
  const [started] = await Promise.all([page.waitForEvent("download", { timeout: 30000 }), link.click()]);
  return readFile(await started.path());
}

// What Cache Storage keeps of the attachments: [{path, headers}].
const keptInBrowser = (page) => page.evaluate(async () => {
  if (!(await caches.has("parta-attachments"))) return [];
  const cache = await caches.open("parta-attachments");
  const kept = [];
  for (const request of await cache.keys()) {
    const response = await cache.match(request);
    kept.push({ path: new URL(request.url).pathname, headers: Object.fromEntries(response.headers) });
  }
  return kept;
});

// Controlled by a service worker whose cache holds the whole shell.
async function shellCached(page) {
  await page.waitForFunction(async () => {
    if (!navigator.serviceWorker.controller) return false;
    return (await caches.keys()).some((name) => name.startsWith("parta-shell-"));
  }, null, { timeout: 60000 });
}

const kSavedMark = "— сохранено для чтения без сети";
const kNotOnDevice = "Файл не сохранён на этом устройстве — откройте его, когда будет связь.";

test("a file opened online is kept with the server's headers and opens again, the same bytes, with the server stopped and after a reload", async () => {
  const bytes = pngFile(20000);
  const words = await teacherSendsFile("маршрут-схема.png", bytes);
  const { page, problems } = await personIn("parent-5a-1");
  const file = await fileIn(page, words, "маршрут-схема.png");
  assert.equal(await file.mark.textContent(), "", "not kept before it is opened");
  assert.deepEqual(await download(page, file.link), bytes);
  await file.mark.filter({ hasText: kSavedMark }).waitFor();

  const [kept] = await keptInBrowser(page);
  assert.equal(kept.path, await file.link.getAttribute("href"));
  assert.equal(kept.headers["content-type"], "image/png");
  assert.equal(kept.headers["x-content-type-options"], "nosniff");
  assert.match(kept.headers["content-disposition"], /^attachment; .*filename\*=UTF-8''%D0%BC%D0%B0/);
  await shellCached(page);

  await server.stop();
  try {
    assert.deepEqual(await download(page, file.link), bytes);
    assert.equal(await file.note.textContent(), "");
    // A fresh start of the page with no server: the shell from the service worker, the chat
    // from the store, the file from the kept copy.
    await page.reload();
    await page.waitForSelector("body[data-screen='chats']");
    const again = await fileIn(page, words, "маршрут-схема.png");
    await again.mark.filter({ hasText: kSavedMark }).waitFor();
    assert.deepEqual(await download(page, again.link), bytes);
  } finally {
    await server.restart();
  }
  assert.deepEqual(problems, []);
});

test("settings show how many files are kept and their size, «освободить место» deletes them, and offline such a file then says it is not on this device", async () => {
  const bytes = pngFile(50000);
  const words = await teacherSendsFile("памятка.png", bytes);
  const { page, problems } = await personIn("parent-5a-2");
  const file = await fileIn(page, words, "памятка.png");
  await download(page, file.link);
  await file.mark.filter({ hasText: kSavedMark }).waitFor();

  await page.getByRole("button", { name: "Настройки" }).click();
  const settings = page.getByRole("dialog");
  const kilobytes = (locale) => new Intl.NumberFormat(locale, { maximumFractionDigits: 1 }).format(bytes.length / 1024);
  const space = settings.locator(".kept-attachments-space");
  await space.filter({ hasText: `Сохранено файлов: 1, занимают ${kilobytes("ru-RU")} КБ.` }).waitFor();
  // The device's storage figure stays beside it.
  assert.match(await settings.textContent(), /Занято [0-9.]+ МБ/);
  await settings.getByRole("button", { name: "Закрыть" }).click();

  // The same in English, formatted as English writes numbers.
  await page.getByRole("button", { name: "EN" }).click();
  await page.getByRole("button", { name: "Settings" }).click();
  await settings.locator(".kept-attachments-space").filter({ hasText: `Files kept: 1, taking ${kilobytes("en-GB")} KB.` }).waitFor();
  await settings.getByRole("button", { name: "Close" }).click();
  await page.getByRole("button", { name: "RU" }).click();

  await page.getByRole("button", { name: "Настройки" }).click();
  await space.filter({ hasText: "Сохранено файлов: 1" }).waitFor();
  await settings.getByRole("button", { name: "Освободить место" }).click();
  await settings.getByRole("status").filter({ hasText: `Место освобождено: ${kilobytes("ru-RU")} КБ.` }).waitFor();
  assert.equal(await space.textContent(), "Сохранённых файлов нет.");
  assert.equal(await settings.getByRole("button", { name: "Освободить место" }).count(), 0);
  assert.equal(await page.evaluate(() => document.activeElement?.className), "kept-attachments-space");
  assert.deepEqual(await keptInBrowser(page), []);
  await settings.getByRole("button", { name: "Закрыть" }).click();
  // The chat behind the settings no longer marks it as saved.
  await file.item.locator(".attachment-kept", { hasText: kSavedMark }).waitFor({ state: "detached" });

  await server.stop();
  try {
    let downloads = 0;
    page.on("download", () => { downloads += 1; });
    await file.link.click();
    await file.note.filter({ hasText: kNotOnDevice }).waitFor({ timeout: 30000 });
    assert.equal(downloads, 0);
    assert.equal(new URL(page.url()).pathname, "/", "no browser error page");
  } finally {
    await server.restart();
  }
  assert.deepEqual(problems, []);
});

test("signing out deletes the kept files, and the next person signing in on the device finds none", async () => {
  const words = await teacherSendsFile("список.png", pngFile(3000));
  const { page } = await personIn("parent-5a-3");
  const file = await fileIn(page, words, "список.png");
  await download(page, file.link);
  await file.mark.filter({ hasText: kSavedMark }).waitFor();
  assert.equal((await keptInBrowser(page)).length, 1);

  await page.getByRole("button", { name: "Выйти" }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Выйти и удалить" }).click();
  await page.waitForSelector("body[data-screen='sign-in']");
  assert.equal(await page.evaluate(() => caches.has("parta-attachments")), false);

  await signInThroughTheForm(page, "parent-5a-4");
  const theirs = await fileIn(page, words, "список.png");
  assert.equal(await theirs.mark.textContent(), "");
  await page.getByRole("button", { name: "Настройки" }).click();
  await page.getByRole("dialog").locator(".kept-attachments-space", { hasText: "Сохранённых файлов нет." }).waitFor();
});

test("after a session ended, the same person signing in again keeps their files, and someone else signing in finds none", async () => {
  const words = await teacherSendsFile("расписание.png", pngFile(3000));
  const { page } = await personIn("parent-5a-1");
  const file = await fileIn(page, words, "расписание.png");
  await download(page, file.link);
  await file.mark.filter({ hasText: kSavedMark }).waitFor();

  const endAllSessions = async () => {
    await page.getByRole("button", { name: "Настройки" }).click();
    await page.getByRole("dialog").getByRole("button", { name: "Завершить все сеансы" }).click();
    await page.waitForSelector("body[data-screen='sign-in']");
  };
  await endAllSessions();
  assert.equal((await keptInBrowser(page)).length, 1, "a session ending keeps the device's files, as it keeps the store");
  await signInThroughTheForm(page, "parent-5a-1");
  await (await fileIn(page, words, "расписание.png")).mark.filter({ hasText: kSavedMark }).waitFor();

  await endAllSessions();
  // Someone else comes to the device later and opens the app (signed out by the session's end).
  await page.goto(`${server.url}/`);
  await signInThroughTheForm(page, "parent-5a-2");
  assert.deepEqual(await keptInBrowser(page), []);
  assert.equal(await (await fileIn(page, words, "расписание.png")).mark.textContent(), "");
});

test("a file the server answers with 403 or 404 is not kept, and the server's sentence is said beside it", async () => {
  const bytes = pngFile(3000);
  const words = await teacherSendsFile("согласие.png", bytes);
  const { page, problems } = await personIn("parent-5a-3");
  const file = await fileIn(page, words, "согласие.png");
  const path = await file.link.getAttribute("href");
  const refusals = [
    [403, "NOT_MEMBER", "Вы не участник этого чата."],
    [404, "UNKNOWN_ATTACHMENT", "Такого файла нет."],
  ];
  for (const [status, code, sentence] of refusals) {
    await page.route(`**${path}`, (route) => route.fulfill({
      status, contentType: "application/json",
      body: JSON.stringify({ error: { code, message: { ru: sentence, en: "-" } } }),
    }));
    await file.link.click();
    await file.note.filter({ hasText: sentence }).waitFor();
    await page.unroute(`**${path}`);
    assert.deepEqual(await keptInBrowser(page), [], `${status} not kept`);
    assert.equal(await file.mark.textContent(), "");
  }
  // The server's own 404, for an attachment that does not exist.
  const unknown = await page.evaluate(async () => {
    const { openAttachment } = await import("/net/attachment-cache.js");
    return openAttachment("999999").then(() => "opened", (error) => `${error.status} ${error.code}`);
  });
  assert.equal(unknown, "404 UNKNOWN_ATTACHMENT");
  assert.deepEqual(await keptInBrowser(page), []);

  // Answered at last: the file, kept, and the refusal's sentence gone.
  assert.deepEqual(await download(page, file.link), bytes);
  await file.mark.filter({ hasText: kSavedMark }).waitFor();
  assert.equal(await file.note.textContent(), "");
  assert.deepEqual((await keptInBrowser(page)).map((kept) => kept.path), [path]);
  assert.deepEqual(problems, []);
});

test("a new version of the app taking over keeps the files saved for offline reading", async () => {
  const bytes = pngFile(3000);
  const words = await teacherSendsFile("план.png", bytes);
  const { page } = await personIn("parent-5a-4");
  const file = await fileIn(page, words, "план.png");
  await download(page, file.link);
  await shellCached(page);
  const shellBefore = await page.evaluate(async () => (await caches.keys()).filter((name) => name.startsWith("parta-shell-")));

  const changed = await mkdtemp(join(tmpdir(), "parta-web-"));
  await server.deployNewVersion(async () => {
    await cp(join(kRepository, "web"), changed, { recursive: true });
    const style = join(changed, "style.css");
    await writeFile(style, `${await readFile(style, "utf8")}\n/* version ${Date.now()} */\n`);
    return changed;
  });
  await rm(changed, { recursive: true, force: true });
  await page.evaluate(async () => (await navigator.serviceWorker.getRegistration()).update());
  await page.getByRole("status").filter({ hasText: "Доступна новая версия" }).waitFor({ timeout: 60000 });
  await Promise.all([page.waitForEvent("load"), page.getByRole("button", { name: "Обновить" }).click()]);
  await page.waitForSelector("body[data-screen='chats']");
  // The old shell is gone: the activation ran.
  await page.waitForFunction(async (old) => !(await caches.keys()).includes(old), shellBefore[0], { timeout: 30000 });
  assert.equal((await keptInBrowser(page)).length, 1);

  await server.stop();
  try {
    const again = await fileIn(page, words, "план.png");
    await again.mark.filter({ hasText: kSavedMark }).waitFor();
    assert.deepEqual(await download(page, again.link), bytes);
  } finally {
    await server.restart();
  }
});

// Last: the account it deletes is gone for the rest of the file.
test("deleting the account deletes the kept files too", async () => {
  const words = await teacherSendsFile("анкета.png", pngFile(3000));
  const { page } = await personIn("parent-5a-3");
  const file = await fileIn(page, words, "анкета.png");
  await download(page, file.link);
  await file.mark.filter({ hasText: kSavedMark }).waitFor();

  await page.getByRole("button", { name: "Настройки" }).click();
  const settings = page.getByRole("dialog");
  await settings.getByLabel("Пароль").fill("demo-parent-5a-3");
  await settings.getByRole("button", { name: "Удалить аккаунт" }).click();
  await page.waitForSelector("body[data-screen='sign-in']");
  assert.equal(await page.evaluate(() => caches.has("parta-attachments")), false);
});
