// The app against the real reference server and its demo school, in headless Chromium:
// signing in, the chat list, reading and writing with the states core reports, the outbox
// across an outage, and signing out. One server per file; one browser profile per person.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";

import { seriousViolations } from "./support/axe.mjs";
import { launchChromium } from "./support/chromium.mjs";
import { signInThroughTheForm, startReferenceServer } from "./support/reference-server.mjs";

let server;
const browsers = [];

before(async () => {
  server = await startReferenceServer();
});

after(async () => {
  for (const browser of browsers) await browser.close();
  await server?.close();
});

async function personIn(login) {
  const browser = await launchChromium();
  browsers.push(browser);
  const page = await browser.context.newPage();
  const problems = [];
  page.on("pageerror", (error) => problems.push(error));
  await page.goto(`${server.url}/`);
  await page.waitForSelector("body[data-ready='true']", { timeout: 30000 });
  await signInThroughTheForm(page, login);
  return { browser, page, problems };
}

const chatEntry = (page, title) => page.locator(".chat-entry", { hasText: title });

async function openChat(page, title) {
  await chatEntry(page, title).first().waitFor();
  await chatEntry(page, title).first().click();
  await page.waitForFunction((expected) => document.querySelector("#chat-title")?.textContent === expected, title);
}

async function send(page, words, button = /^(Отправить|Send)$/) {
  await page.getByLabel(/^(Сообщение|Message)$/).fill(words);
  await page.getByRole("button", { name: button }).click();
}

const messageWith = (page, words) => page.locator(".message", { has: page.locator(".message-text", { hasText: words }) });

test("a parent sees their chats grouped as the school names them, and the school channel has no composer", async () => {
  const { page, problems } = await personIn("parent-5a-1");
  for (const title of ["Общешкольный канал", "Родители 5А", "Управляющий совет"]) await chatEntry(page, title).waitFor();
  const groups = await page.locator(".chat-group-title").allTextContents();
  assert.deepEqual(groups, ["Школьные каналы", "Мои классы", "Учительская и управление"]);
  await openChat(page, "Общешкольный канал");
  assert.equal(await page.locator("#composer").isVisible(), false);
  assert.match(await page.locator("#composer-absent").textContent(), /только читать/);
  await openChat(page, "Родители 5А");
  assert.equal(await page.locator("#composer").isVisible(), true);
  // The class teacher is named beside her messages, with the teacher badge.
  const teacherMessage = page.locator(".message", { has: page.locator(".sender-name", { hasText: "Марина Сергеевна Кузнецова" }) });
  await teacherMessage.first().waitFor();
  assert.equal(await teacherMessage.first().locator(".teacher-badge").textContent(), "учитель");
  assert.deepEqual(problems, []);
});

test("a message goes «отправляется» → «отправлено» and reaches a second signed-in person once", async () => {
  const teacher = await personIn("teacher-5a");
  const student = await personIn("student-5a-1");
  await openChat(teacher.page, "5А класс");
  await openChat(student.page, "5А класс");
  const words = `Завтра контрольная ${Date.now()}`;
  await send(teacher.page, words);
  await messageWith(teacher.page, words).locator(".delivery.sent").waitFor();
  assert.equal(await messageWith(teacher.page, words).locator(".delivery").textContent(), "отправлено");
  await messageWith(student.page, words).waitFor();
  assert.equal(await messageWith(student.page, words).count(), 1);
  assert.equal(await messageWith(teacher.page, words).count(), 1);
});

test("written while the server is down, messages wait as «отправляется» and go exactly once, in order, when it is back", async () => {
  const parent = await personIn("parent-5a-2");
  const teacher = await personIn("teacher-5a");
  await openChat(parent.page, "Родители 5А");
  await openChat(teacher.page, "Родители 5А");
  await server.stop();
  const stamp = Date.now();
  const written = [1, 2, 3].map((n) => `Без сети ${stamp} №${n}`);
  for (const words of written) await send(parent.page, words);
  for (const words of written) await messageWith(parent.page, words).locator(".delivery.sending").waitFor();
  await parent.page.waitForSelector("#connection[data-state='offline']", { timeout: 60000 });
  await server.restart();
  for (const words of written) await messageWith(parent.page, words).locator(".delivery.sent").waitFor({ timeout: 90000 });
  await parent.page.waitForSelector("#connection[data-state='online']");
  for (const words of written) await messageWith(teacher.page, words).waitFor({ timeout: 60000 });
  const seen = await teacher.page.locator(".message-text").allTextContents();
  assert.deepEqual(seen.filter((words) => words.includes(String(stamp))), written);
});

test("a person edits and deletes their own message, and the other side sees both", async () => {
  const teacher = await personIn("teacher-math");
  const student = await personIn("student-5b-1");
  await openChat(teacher.page, "5Б класс");
  await openChat(student.page, "5Б класс");
  const words = `Домашнее задание ${Date.now()}`;
  await send(teacher.page, words);
  const mine = messageWith(teacher.page, words);
  await mine.locator(".delivery.sent").waitFor();
  await mine.getByRole("button", { name: "Изменить" }).click();
  assert.equal(await teacher.page.getByLabel("Сообщение").inputValue(), words);
  await send(teacher.page, `${words}: стр. 42`, "Сохранить");
  await messageWith(student.page, `${words}: стр. 42`).locator(".edited").waitFor();
  await messageWith(teacher.page, `${words}: стр. 42`).getByRole("button", { name: "Удалить" }).click();
  await teacher.page.getByRole("dialog").getByRole("button", { name: "Удалить" }).click();
  await student.page.waitForFunction((text) =>
    ![...document.querySelectorAll(".message-text")].some((node) => node.textContent.includes(text)), words);
  assert.ok((await student.page.locator(".deleted-text").count()) >= 1);
});

test("markup in a message is shown as text and never runs", async () => {
  const student = await personIn("student-5a-2");
  await openChat(student.page, "5А класс");
  const payload = `<img src=x onerror="window.__pwned=1"><script>window.__pwned=2</script> ${Date.now()}`;
  await send(student.page, payload);
  await messageWith(student.page, payload).locator(".delivery.sent").waitFor();
  assert.equal(await messageWith(student.page, payload).locator(".message-text").textContent(), payload);
  assert.equal(await student.page.locator(".message img, .message script").count(), 0);
  assert.equal(await student.page.evaluate(() => window.__pwned), undefined);
});

test("signing out with an unsent message asks first, then leaves nothing of the person on the device", async () => {
  const parent = await personIn("parent-5b-1");
  await openChat(parent.page, "Родители 5Б");
  await server.stop();
  try {
    await send(parent.page, "Не успею отправить");
    await messageWith(parent.page, "Не успею отправить").locator(".delivery.sending").waitFor();
    await parent.page.getByRole("button", { name: "Выйти" }).click();
    const dialog = parent.page.getByRole("dialog");
    assert.match(await dialog.textContent(), /1 сообщение ещё не отправлено/);
    await dialog.getByRole("button", { name: "Отмена" }).click();
    assert.equal(await parent.page.getAttribute("body", "data-screen"), "chats");
    await parent.page.getByRole("button", { name: "Выйти" }).click();
    await parent.page.getByRole("dialog").getByRole("button", { name: "Выйти и удалить" }).click();
    await parent.page.waitForSelector("body[data-screen='sign-in']");
  } finally {
    await server.restart();
  }
  const left = await parent.page.evaluate(async () => {
    const { startPartaWorker } = await import("/parta-client.js");
    const parta = await startPartaWorker();
    const root = await navigator.storage.getDirectory();
    const databases = (await root.getDirectoryHandle("parta", { create: true })).keys();
    const names = [];
    for await (const name of databases) names.push(name);
    const kept = [];
    for (const name of names.filter((entry) => entry.startsWith("parta-user-"))) {
      await parta.client.open({ databaseName: name });
      const chats = await parta.client.chats();
      const outbox = await parta.client.outbox();
      kept.push(chats.value.length + outbox.value.length);
      await parta.client.close();
    }
    parta.terminate();
    return { account: localStorage.getItem("parta.account"), kept };
  });
  assert.equal(left.account, null);
  assert.ok(left.kept.every((count) => count === 0), JSON.stringify(left));
});

test("search finds messages on the device with ё as е and by the start of a word, and a hit opens its chat at the message", async () => {
  const { page } = await personIn("parent-5a-3");
  await chatEntry(page, "Общешкольный канал").waitFor();
  await page.getByLabel("Поиск по сообщениям").fill("ждет влад");
  const hit = page.locator(".search-hit", { hasText: "рюкзак" });
  await hit.waitFor();
  assert.equal(await page.locator(".search-hit").count(), 1);
  assert.match(await hit.textContent(), /Общешкольный канал/);
  await hit.click();
  await page.waitForFunction(() => document.querySelector("#chat-title")?.textContent === "Общешкольный канал");
  const found = page.locator(".message.found");
  await found.waitFor();
  assert.match(await found.textContent(), /Находка ждёт владельца/);
  assert.equal(await page.evaluate(() => document.activeElement?.classList.contains("found")), true);
  await page.getByLabel("Поиск по сообщениям").fill("несуществующееслово");
  await page.getByRole("status").filter({ hasText: "Ничего не найдено." }).waitFor();
});

test("a new student opens a class link, sees what it joins, creates an account with only a name, login and password, and reads the class chat", async () => {
  const browser = await launchChromium();
  browsers.push(browser);
  const page = await browser.context.newPage();
  // «Ученики 5А» by the class teacher: no approval needed (README.md, the demo's links).
  await page.goto(`${server.url}/join/YWVQMGPESP9V1W4C2KANG0YJBZ2`);
  await page.waitForSelector("body[data-ready='true']");
  const preview = page.locator("#join-preview");
  await preview.locator(".join-destination").waitFor();
  assert.equal(await preview.locator(".join-destination").textContent(), "5А класс");
  assert.match(await preview.textContent(), /Марина Сергеевна Кузнецова/);
  assert.match(await preview.textContent(), /ученик/);
  assert.equal(await preview.locator("input[type='email'], input[type='tel']").count(), 0);
  const login = `new-student-${Date.now()}`;
  await preview.getByLabel("Имя и фамилия").fill("Кира Новая");
  await preview.getByLabel("Логин").fill(login);
  await preview.getByLabel("Пароль").fill("a-long-passphrase");
  await preview.getByRole("button", { name: "Вступить" }).click();
  await page.waitForSelector("body[data-screen='chats']");
  await chatEntry(page, "5А класс").waitFor();
  await openChat(page, "5А класс");
  assert.equal(await page.locator("#composer").isVisible(), true);
  assert.equal(new URL(page.url()).pathname, "/");
});

test("a link that was never issued gets the server's one answer for unknown and revoked links", async () => {
  const browser = await launchChromium();
  browsers.push(browser);
  const page = await browser.context.newPage();
  await page.goto(`${server.url}/`);
  await page.waitForSelector("body[data-ready='true']");
  const unknown = await page.evaluate(() => (async () => {
    const { startPartaWorker } = await import("/parta-client.js");
    const parta = await startPartaWorker();
    const code = await parta.generateInviteCode();
    parta.terminate();
    return code;
  })());
  await page.getByLabel("Код или ссылка-приглашение").fill(unknown);
  await page.locator("#join-preview .result", { hasText: /недействительн|отозван/i }).waitFor();
});

test("a parent requests to join by the parents' link, the class teacher approves naming the child, and the parent reads the parents' chat", async () => {
  const browser = await launchChromium();
  browsers.push(browser);
  const parent = await browser.context.newPage();
  // «Родители 5А: родительское собрание»: asks for approval.
  await parent.goto(`${server.url}/join/630C7Q4G5YM42A2RPZTVFVTRYJ2`);
  await parent.waitForSelector("body[data-ready='true']");
  const preview = parent.locator("#join-preview");
  await preview.getByLabel("Имя и фамилия").fill("Вера Иванова");
  await preview.getByLabel("Логин").fill(`parent-${Date.now()}`);
  await preview.getByLabel("Пароль").fill("a-long-passphrase");
  await preview.getByLabel("Имя ребёнка и класс").fill("Миша Иванов, 5А");
  await preview.getByRole("button", { name: "Отправить заявку" }).click();
  await parent.waitForSelector("body[data-screen='chats']");
  await parent.getByRole("alert").filter({ hasText: "Заявка отправлена" }).waitFor();
  assert.equal(await parent.locator(".chat-entry").count(), 0);

  const teacher = await personIn("teacher-5a");
  const request = teacher.page.locator(".join-request", { hasText: "Вера Иванова" });
  await request.waitFor();
  assert.match(await request.textContent(), /Миша Иванов, 5А/);
  await request.getByLabel("Чей это родитель").selectOption({ label: "Михаил Иванов" });
  await request.getByRole("button", { name: "Принять" }).click();
  await request.waitFor({ state: "detached" });

  await chatEntry(parent, "Родители 5А").waitFor({ timeout: 60000 });
  await openChat(parent, "Родители 5А");
  await parent.locator(".message").first().waitFor();
  assert.equal(await parent.locator("#composer").isVisible(), true);
});

test("the class teacher makes a parents' link shown as link, code and QR with a sheet to print, and revokes it; a parent gets no invite button", async () => {
  const teacher = await personIn("teacher-5a");
  await openChat(teacher.page, "Родители 5А");
  await teacher.page.getByRole("button", { name: "Пригласить" }).click();
  const dialog = teacher.page.getByRole("dialog");
  // The invite screen loads when first opened.
  await dialog.waitFor();
  // The policy's grant table: a class teacher invites parents to the parents' chat, nobody else.
  assert.deepEqual(await dialog.getByLabel("Кого приглашаем").locator("option").allTextContents(), ["родитель"]);
  assert.equal(await dialog.getByLabel("Вступление с моим подтверждением").isChecked(), true);
  await dialog.getByLabel(/^Подпись/).fill("Собрание 5А, декабрь");
  await dialog.getByRole("button", { name: "Создать ссылку" }).click();
  const link = await dialog.getByLabel("Ссылка").inputValue();
  // 26 payload symbols, then a check symbol that may be one of Crockford's `*~$=U` (docs/invite-links.md).
  assert.match(link, new RegExp(`^${server.url}/join/[0-9A-HJKMNP-TV-Z]{26}[0-9A-Z*~$=]$`));
  const display = await dialog.locator(".invite-display").textContent();
  assert.equal(display.replaceAll("-", ""), link.slice(-27));
  const qr = dialog.getByRole("img", { name: /QR-код приглашения/ });
  assert.ok((await qr.locator("path").getAttribute("d")).length > 100);
  assert.ok((await dialog.locator(".print-sheet").textContent()).includes(display));
  const item = dialog.locator(".invite-item", { hasText: "Собрание 5А, декабрь" });
  await item.getByRole("button", { name: "Отозвать" }).click();
  await dialog.locator(".invite-item[data-state='revoked']", { hasText: "Собрание 5А, декабрь" }).waitFor();
  const preview = await teacher.page.evaluate((code) =>
    fetch(`/api/v1/invites/preview?code=${encodeURIComponent(code)}`).then((answer) => answer.json()), link.slice(-27));
  assert.equal(preview.error.code, "INVALID_OR_REVOKED");
  await dialog.getByRole("button", { name: "Закрыть" }).click();

  const parent = await personIn("parent-5a-4");
  await openChat(parent.page, "Родители 5А");
  assert.equal(await parent.page.getByRole("button", { name: "Пригласить" }).isVisible(), false);
});

test("settings list the person's sessions and what the device keeps; deleting the account needs the password and leaves nothing here", async () => {
  const student = await personIn("student-5b-3");
  await chatEntry(student.page, "5Б класс").waitFor();
  await student.page.getByRole("button", { name: "Настройки" }).click();
  const dialog = student.page.getByRole("dialog");
  await dialog.locator(".sessions li", { hasText: "этот" }).waitFor();
  assert.match(await dialog.textContent(), /Занято [0-9.]+ МБ/);
  await dialog.getByLabel("Пароль").fill("wrong-password");
  await dialog.getByRole("button", { name: "Удалить аккаунт" }).click();
  await dialog.getByRole("status").filter({ hasText: /парол/i }).waitFor();
  await dialog.getByLabel("Пароль").fill("demo-student-5b-3");
  await dialog.getByRole("button", { name: "Удалить аккаунт" }).click();
  await student.page.waitForSelector("body[data-screen='sign-in']");
  assert.equal(await student.page.evaluate(() => localStorage.getItem("parta.account")), null);
  // The login no longer signs in.
  await student.page.getByLabel("Логин").fill("student-5b-3");
  await student.page.getByLabel("Пароль").fill("demo-student-5b-3");
  await student.page.getByRole("button", { name: "Войти" }).click();
  await student.page.locator("#sign-in-result", { hasText: /неверн/i }).waitFor();
});

test("after all sessions end, the next person on the page writes only into the chat they open, and finds nothing of the chat left open", async () => {
  const { page } = await personIn("parent-5a-2");
  await openChat(page, "Родители 5А");
  await page.getByLabel(/^(Сообщение|Message)$/).fill("черновик родителя");
  await page.getByRole("button", { name: "Настройки" }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Завершить все сеансы" }).click();
  await page.waitForSelector("body[data-screen='sign-in']");
  assert.equal(await page.evaluate(() => location.hash), "");
  await signInThroughTheForm(page, "teacher-5a");
  await chatEntry(page, "5А класс").first().waitFor();
  assert.equal(await page.locator("#chat-pane").isVisible(), false);
  await openChat(page, "5А класс");
  assert.equal(await page.getByLabel(/^(Сообщение|Message)$/).inputValue(), "");
  const words = `Только в 5А ${Date.now()}`;
  await send(page, words);
  await messageWith(page, words).locator(".delivery.sent").waitFor();
  assert.equal(await messageWith(page, words).count(), 1);
  await openChat(page, "Родители 5А");
  await page.locator(".message").first().waitFor();
  assert.equal(await messageWith(page, words).count(), 0);
});

test("the XSS corpus stays inert in messages and in a person's name, web links open only with safe schemes, and an invite link becomes a join card", async () => {
  const { kXssCorpus } = await import("./support/xss-corpus.mjs");
  // A newcomer whose name is a payload joins 5А by the students' link.
  const browser = await launchChromium();
  browsers.push(browser);
  const newcomer = await browser.context.newPage();
  await newcomer.goto(`${server.url}/join/YWVQMGPESP9V1W4C2KANG0YJBZ2`);
  await newcomer.waitForSelector("body[data-ready='true']");
  const hostileName = kXssCorpus[1];
  const preview = newcomer.locator("#join-preview");
  await preview.getByLabel("Имя и фамилия").fill(hostileName);
  await preview.getByLabel("Логин").fill(`xss-${Date.now()}`);
  await preview.getByLabel("Пароль").fill("a-long-passphrase");
  await preview.getByRole("button", { name: "Вступить" }).click();
  await chatEntry(newcomer, "5А класс").waitFor();
  await openChat(newcomer, "5А класс");
  const chatId = await newcomer.locator(".chat-entry", { hasText: "5А класс" }).getAttribute("data-chat-id");
  const extras = [
    "Учебник онлайн: https://example.org/5a?x=1 и почта school@example.org",
    `Ссылка для родителей: ${server.url}/join/630C7Q4G5YM42A2RPZTVFVTRYJ2`,
  ];
  const statuses = await newcomer.evaluate(async ({ chatId, texts }) => {
    const answers = [];
    for (const words of texts) {
      const answer = await fetch("/api/v1/messages", {
        method: "POST",
        headers: { "Content-Type": "application/json", "X-Parta-Request": "1" },
        body: JSON.stringify({ clientId: crypto.randomUUID(), chatId: Number(chatId), text: words }),
      });
      answers.push(answer.status);
    }
    return answers;
  }, { chatId, texts: [...kXssCorpus, ...extras] });
  assert.ok(statuses.every((status) => status === 201 || status === 200), JSON.stringify(statuses));

  const reader = await personIn("student-5a-3");
  await openChat(reader.page, "5А класс");
  await messageWith(reader.page, extras[1]).waitFor({ timeout: 60000 });
  for (const payload of kXssCorpus) {
    const shown = await reader.page.locator(".message-text").evaluateAll(
      (nodes, words) => nodes.some((node) => node.textContent === words), payload);
    assert.ok(shown, `not shown as text: ${payload}`);
  }
  const injected = await reader.page.locator(
    ".message-list :is(script, img, svg, iframe, object, embed, form, input, select, video, style, link, meta, base, template, details, math, marquee, x)").count();
  assert.equal(injected, 0);
  assert.equal(await reader.page.evaluate(() => window.__xss), undefined);
  assert.equal(await reader.page.locator(".sender-name", { hasText: hostileName }).first().textContent(), hostileName);
  const hrefs = await reader.page.locator(".message-text a").evaluateAll((links) => links.map((link) => link.href));
  assert.ok(hrefs.every((href) => /^(https?|mailto):/.test(href)), JSON.stringify(hrefs));
  assert.ok(hrefs.includes("https://example.org/5a?x=1"));
  assert.ok(hrefs.includes("mailto:school@example.org"));
  const card = messageWith(reader.page, extras[1]).locator(".join-card");
  assert.equal(await card.getAttribute("href"), "/join/630C7Q4G5YM42A2RPZTVFVTRYJ2");
  assert.match(await card.textContent(), /630C-7Q4G-5YM4-2A2R-PZTV-FVTR-YJ2/);
  assert.equal(await newcomer.evaluate(() => window.__xss), undefined);
});

test("the class teacher pins a message, mutes a parent who then has no composer, and removes them; a parent has no moderation controls", async () => {
  const teacher = await personIn("teacher-5a");
  const parent = await personIn("parent-5a-4");
  await openChat(teacher.page, "Родители 5А");
  await openChat(parent.page, "Родители 5А");
  assert.equal(await parent.page.locator(".message-actions button", { hasText: "Закрепить" }).count(), 0);
  const words = `Закрепляю ${Date.now()}`;
  await send(teacher.page, words);
  await messageWith(teacher.page, words).locator(".delivery.sent").waitFor();
  await messageWith(teacher.page, words).getByRole("button", { name: "Закрепить" }).click();
  await messageWith(parent.page, words).locator(".badge.pinned").waitFor();

  await teacher.page.getByRole("button", { name: "Участники" }).click();
  const members = teacher.page.getByRole("dialog");
  const member = members.locator(".member", { hasText: "Татьяна Алексеевна Морозова" });
  await member.getByRole("button", { name: "Запретить писать" }).click();
  await members.getByRole("status").filter({ hasText: "Готово" }).waitFor();
  await parent.page.locator("#composer-absent").waitFor({ timeout: 30000 });
  assert.equal(await parent.page.locator("#composer").isVisible(), false);
  await members.getByRole("button", { name: "Закрыть" }).click();

  await teacher.page.getByRole("button", { name: "Участники" }).click();
  await teacher.page.getByRole("dialog").locator(".member", { hasText: "Татьяна Алексеевна Морозова" })
    .getByRole("button", { name: "Удалить из чата" }).click();
  await teacher.page.getByRole("dialog", { name: /Удалить Татьяна/ }).getByRole("button", { name: "Удалить из чата" }).click();
  await chatEntry(parent.page, "Родители 5А").waitFor({ state: "detached", timeout: 30000 });
});

test("a class teacher creates a parents' chat of her class from the kinds core offers, its parents are in it at once, and a parent has neither «Новый чат» nor «Школа»", async () => {
  const teacher = await personIn("teacher-5a");
  const parent = await personIn("parent-5a-2");
  assert.equal(await parent.page.locator("#new-chat-button").isVisible(), false);
  assert.equal(await parent.page.locator("#school-button").isVisible(), false);
  assert.equal(await teacher.page.locator("#school-button").isVisible(), false);
  await teacher.page.getByRole("button", { name: "Новый чат" }).click();
  const dialog = teacher.page.getByRole("dialog", { name: "Новый чат" });
  // The new-chat screen loads when first opened.
  await dialog.waitFor();
  // The policy's create_chat for a verified class teacher of 5А who also teaches it; no channel.
  assert.deepEqual(await dialog.getByLabel("Какой чат").locator("option").allTextContents(),
    ["Чат класса, 5А", "Родительский чат, 5А", "Чат учителей класса, 5А", "Чат по предмету, 5А"]);
  await dialog.getByLabel("Какой чат").selectOption({ label: "Родительский чат, 5А" });
  assert.equal(await dialog.getByLabel("Название").inputValue(), "Родители 5А");
  const title = `Экскурсия, родители ${Date.now() % 10000}`;
  await dialog.getByLabel("Название").fill(title);
  await dialog.getByRole("button", { name: "Создать чат" }).click();
  await teacher.page.waitForFunction((expected) => document.querySelector("#chat-title")?.textContent === expected, title);
  await chatEntry(parent.page, title).waitFor({ timeout: 30000 });
  await openChat(parent.page, title);
  assert.equal(await parent.page.locator("#composer").isVisible(), true);
});

test("a parent writes directly to the class teacher from the member list, and she reads it in the direct chat", async () => {
  const parent = await personIn("parent-5a-3");
  const teacher = await personIn("teacher-5a");
  await openChat(parent.page, "Родители 5А");
  await parent.page.getByRole("button", { name: "Участники" }).click();
  const members = parent.page.getByRole("dialog");
  // Another parent is not someone a parent may start a direct chat with (002 §5).
  const otherParent = members.locator(".member", { hasText: "Олег Игоревич Петров" });
  await otherParent.waitFor();
  assert.equal(await otherParent.getByRole("button").count(), 0);
  await members.locator(".member", { hasText: "Марина Сергеевна Кузнецова" }).getByRole("button", { name: "Написать лично" }).click();
  await parent.page.waitForFunction(() => /Кузнецова/.test(document.querySelector("#chat-title")?.textContent ?? ""));
  const words = `Лично классному руководителю ${Date.now()}`;
  await send(parent.page, words);
  const title = await parent.page.locator("#chat-title").textContent();
  await openChat(teacher.page, title);
  await messageWith(teacher.page, words).waitFor({ timeout: 30000 });
});

test("the admin confirms a teacher's status, who can then create a subject chat; keeps a class roster; and reads both in the audit log", async () => {
  const admin = await personIn("admin");
  const newcomer = await personIn("teacher-new");
  assert.equal(await newcomer.page.locator("#new-chat-button").isVisible(), false);
  await admin.page.getByRole("button", { name: "Школа" }).click();
  const school = admin.page.getByRole("dialog", { name: "Школа" });
  const person = school.locator(".school-person", { hasText: "Екатерина Андреевна Соколова" });
  // A student is no teacher to confirm: core's actionsOnPeople leaves the button out.
  const studentRow = school.locator(".school-person", { hasText: "Михаил Иванов" });
  await studentRow.waitFor();
  assert.equal(await studentRow.getByRole("button", { name: "Подтвердить статус «учитель»" }).count(), 0);
  await person.getByRole("button", { name: "Подтвердить статус «учитель»" }).click();
  await school.locator(".school-person", { hasText: "Екатерина Андреевна Соколова" }).getByText("статус учителя подтверждён").waitFor();
  // Her synced profile now lets her create the subject chat of the class she teaches.
  await newcomer.page.locator("#new-chat-button").waitFor({ timeout: 30000 });

  await school.getByRole("button", { name: "Списки классов" }).click();
  await school.locator(".roster-table caption", { hasText: "Список 5А" }).waitFor();
  const pupil = `Кузнецов Пётр ${Date.now() % 10000}`;
  await school.getByLabel("ФИО").fill(pupil);
  await school.getByRole("button", { name: "Добавить в список" }).click();
  await school.locator(".roster-table tr", { hasText: pupil }).waitFor();
  assert.equal(await school.getByRole("link", { name: "Выгрузить список 5А (CSV)" }).getAttribute("href"),
    `/api/v1/roster/export?classId=${encodeURIComponent("5А")}`);
  assert.deepEqual(await seriousViolations(admin.page), []);

  await school.getByRole("button", { name: "Журнал действий" }).click();
  await school.locator(".audit-entry", { hasText: "добавил(а) в список класса" }).first().waitFor();
  assert.ok(await school.locator(".audit-entry", { hasText: "подтвердил(а) статус учителя" })
    .filter({ hasText: "Екатерина Андреевна Соколова" }).count() >= 1);
});

test("the admin sees every invite link of the school with its uses, and revokes all unused links of a class at once", async () => {
  const admin = await personIn("admin");
  await admin.page.getByRole("button", { name: "Школа" }).click();
  const school = admin.page.getByRole("dialog", { name: "Школа" });
  await school.getByRole("button", { name: "Приглашения" }).click();
  await school.locator(".invite-item", { hasText: "Новые учителя" }).waitFor();
  for (const label of ["Ученики 5А", "Родители 5Б", "Новые учителя"]) {
    assert.ok(await school.locator(".invite-item", { hasText: label }).count() >= 1, label);
  }
  // The parents' link of 5А carries the demo's pending request: a use.
  assert.match(await school.locator(".school-invites > p").first().textContent(),
    /^Ссылок: \d+, действуют: \d+, вступлений и заявок по ним: [1-9]\d*\.$/);
  assert.deepEqual(await seriousViolations(admin.page), []);
  await school.getByLabel("Класс").selectOption("5Б");
  await school.locator(".invite-item", { hasText: "Новые учителя" }).waitFor({ state: "detached" });
  await school.getByRole("button", { name: "Отозвать все неиспользованные ссылки класса 5Б" }).click();
  await school.locator(".invite-item[data-state='revoked']", { hasText: "Ученики 5Б" }).waitFor();
  assert.equal(await school.locator(".invite-item[data-state='active']").count(), 0);
  assert.equal(await school.getByRole("button", { name: /Отозвать все неиспользованные/ }).count(), 0);
});

test("the director's school screens show people, classes and statistics, but no rosters, no audit log and no confirming of teachers", async () => {
  const director = await personIn("director");
  await director.page.getByRole("button", { name: "Школа" }).click();
  const school = director.page.getByRole("dialog", { name: "Школа" });
  await school.locator(".school-person").first().waitFor();
  assert.deepEqual(await school.locator(".school-tabs button").allTextContents(), ["Люди", "Классы", "Статистика активности"]);
  assert.equal(await school.getByRole("button", { name: "Подтвердить статус «учитель»" }).count(), 0);
});

test("the class teacher asks a poll with a file attached in the parents' chat; a parent sees both, votes and gets the file; a file of a refused type is not attached", async () => {
  const teacher = await personIn("teacher-5a");
  const parent = await personIn("parent-5a-1");
  await openChat(teacher.page, "Родители 5А");
  const composer = teacher.page.locator("#composer");
  // A page is no file the server takes, whatever it is called: its refusal is shown, nothing attached.
  await composer.locator("#file-input").setInputFiles({ name: "photo.jpg", mimeType: "image/jpeg",
    buffer: Buffer.from("<!DOCTYPE html><html><body>не фото</body></html>") });
  await teacher.page.locator("#composer-result", { hasText: "Такой файл отправить нельзя" }).waitFor();
  assert.equal(await composer.locator(".upload-list li").count(), 0);

  await composer.getByRole("button", { name: "Опрос" }).click();
  const question = `Кто поедет в музей ${Date.now() % 10000}?`;
  await composer.getByLabel("Вопрос").fill(question);
  await composer.getByLabel("Вариант 1").fill("Мы едем");
  await composer.getByLabel("Вариант 2").fill("Не сможем");
  await composer.locator("#file-input").setInputFiles({ name: "маршрут.txt", mimeType: "text/plain",
    buffer: Buffer.from("Сбор у школы в 9:00, возвращаемся к 14:00.\n") });
  await composer.locator(".upload-list li[data-state='ready']", { hasText: "маршрут.txt" }).waitFor();
  await send(teacher.page, "Экскурсия в музей: голосуем до пятницы");

  const sent = messageWith(teacher.page, "Экскурсия в музей: голосуем до пятницы");
  await sent.locator(".delivery.sent").waitFor();
  assert.equal(await composer.locator(".poll-editor").count(), 0, "the composer starts empty again");
  const received = messageWith(parent.page, "Экскурсия в музей: голосуем до пятницы");
  await openChat(parent.page, "Родители 5А");
  await received.waitFor({ timeout: 30000 });
  assert.equal(await received.locator(".poll legend").textContent(), question);
  const file = received.getByRole("link", { name: /маршрут\.txt/ });
  assert.match(await file.getAttribute("href"), /^\/api\/v1\/attachments\/\d+$/);
  const download = await parent.page.evaluate((href) => fetch(href).then((answer) => answer.text()), await file.getAttribute("href"));
  assert.equal(download, "Сбор у школы в 9:00, возвращаемся к 14:00.\n");
  await received.getByLabel("Мы едем").check();
  await received.getByRole("button", { name: "Голосовать" }).click();
  await messageWith(teacher.page, "Экскурсия в музей: голосуем до пятницы").locator(".poll-option", { hasText: "Мы едем" })
    .locator(".poll-count", { hasText: "1 голос" }).waitFor({ timeout: 30000 });
});

test("the XSS corpus stays inert as chat titles, poll questions and options, and file names", async () => {
  const { kXssCorpus } = await import("./support/xss-corpus.mjs");
  const teacher = await personIn("teacher-5a");
  const parent = await personIn("parent-5a-2");
  const title = `Чат ${kXssCorpus[2]}`;
  const written = await teacher.page.evaluate(async ({ title, corpus }) => {
    const post = (path, body, contentType = "application/json") => fetch(path, {
      method: "POST", headers: { "Content-Type": contentType, "X-Parta-Request": "1" }, body,
    }).then(async (answer) => ({ status: answer.status, body: await answer.json() }));
    const created = await post("/api/v1/chats", JSON.stringify({ kind: "parents_chat", classId: "5А", title }));
    const chatId = created.body.events.find((event) => event.type === "chat").chat.id;
    const statuses = [created.status];
    const attachmentIds = [];
    for (const name of corpus.slice(0, 10)) {
      const uploaded = await post(`/api/v1/attachments?chatId=${chatId}&name=${encodeURIComponent(name)}`, "Текст файла\n", "text/plain");
      statuses.push(uploaded.status);
      attachmentIds.push(uploaded.body.attachment.id);
    }
    for (let start = 0; start < corpus.length; start += 10) {
      const options = corpus.slice(start, start + 10);
      if (options.length < 2) options.push("ещё вариант");
      const message = await post("/api/v1/messages", JSON.stringify({
        clientId: crypto.randomUUID(), chatId, text: `Опрос ${start}`,
        poll: { question: corpus[start], options },
        ...(start === 0 ? { attachmentIds } : {}),
      }));
      statuses.push(message.status);
    }
    return statuses;
  }, { title, corpus: kXssCorpus });
  assert.ok(written.every((status) => status === 201), JSON.stringify(written));

  await chatEntry(parent.page, title).waitFor({ timeout: 30000 });
  assert.ok(await parent.page.locator(".chat-entry-title").evaluateAll((nodes, expected) =>
    nodes.some((node) => node.textContent === expected), title), "the title is shown as its text");
  await openChat(parent.page, title);
  await messageWith(parent.page, `Опрос ${Math.floor((kXssCorpus.length - 1) / 10) * 10}`).waitFor({ timeout: 30000 });
  const shownTexts = await parent.page.locator(".message-list :is(.poll legend, .poll-option span:not(.poll-count), .attachments a)")
    .allTextContents();
  for (const payload of kXssCorpus) {
    assert.ok(shownTexts.some((shown) => shown === payload || shown.endsWith(`: ${payload}`)), `not shown as text: ${payload}`);
  }
  const injected = await parent.page.locator(
    ".message-list :is(script, img, svg, iframe, object, embed, video, style, link, meta, base, template, details, math, marquee, x)").count();
  assert.equal(injected, 0);
  assert.equal(await parent.page.evaluate(() => window.__xss), undefined);
  assert.equal(await teacher.page.evaluate(() => window.__xss), undefined);
});
