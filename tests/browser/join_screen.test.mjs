// The join screen as a parent uses it on a phone: type or paste an invite, read the verdict,
// switch language, see when the network is gone.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";

import { launchChromium, openApp } from "./support/chromium.mjs";
import { startStaticServer } from "../../scripts/lib/static-server.mjs";

const kValidCode = "PAB0CE1HKM0TXY1234567890RSC";

let server;
let browser;

before(async () => {
  server = await startStaticServer();
  browser = await launchChromium();
});

after(async () => {
  await browser?.close();
  await server?.close();
});

async function openJoinScreen(query = "") {
  const app = await openApp(browser, server, query);
  await app.page.setViewportSize({ width: 360, height: 740 });
  return app;
}

// Clearing the field first empties the verdict, so the wait below sees this text's verdict
// and not the one left from the previous text.
async function resultAfterTyping(page, text) {
  const field = page.getByLabel(/Код или ссылка-приглашение|Invite code or link/);
  await field.fill("");
  await page.waitForFunction(() => !document.querySelector("#invite-result").dataset.state);
  await field.fill(text);
  const result = page.locator("#invite-result");
  await page.waitForFunction(() => document.querySelector("#invite-result").dataset.state);
  return { state: await result.getAttribute("data-state"), error: await result.getAttribute("data-error"), text: await result.textContent() };
}

test("a code typed in lower case with spaces is accepted and shown in display form", async () => {
  const { page, problems } = await openJoinScreen();
  const result = await resultAfterTyping(page, "pab0 ce1h km0t xy12 3456 7890 rsc");
  assert.equal(result.state, "valid");
  assert.match(result.text, /PAB0-CE1H-KM0T-XY12-3456-7890-RSC/);
  assert.equal(await page.locator("#invite-input").getAttribute("aria-invalid"), "false");
  assert.deepEqual(problems, []);
  await page.close();
});

test("a link to this server is accepted, a link to another host is refused in Russian", async () => {
  const { page } = await openJoinScreen();
  const ours = await resultAfterTyping(page, `${server.url}/join/${kValidCode}`);
  assert.equal(ours.state, "valid");

  const theirs = await resultAfterTyping(page, `https://evil.example/join/${kValidCode}`);
  assert.equal(theirs.error, "HOST_NOT_ALLOWED");
  assert.match(theirs.text, /не на сервер вашей школы/);
  assert.equal(await page.locator("#invite-input").getAttribute("aria-invalid"), "true");
  await page.close();
});

test("switching to English relabels the screen and re-renders the verdict", async () => {
  const { page } = await openJoinScreen();
  await resultAfterTyping(page, kValidCode.slice(0, 20));
  await page.getByRole("button", { name: "EN" }).click();
  // English is loaded when first chosen (web/i18n.js).
  await page.waitForFunction(() => document.documentElement.lang === "en");
  await page.waitForFunction(() => /27 characters/.test(document.querySelector("#invite-result").textContent));
  assert.equal(await page.getByRole("button", { name: "EN" }).getAttribute("aria-pressed"), "true");
  await page.getByRole("button", { name: "RU" }).click();
  await page.waitForFunction(() => document.documentElement.lang === "ru");
  await page.close();
});

test("losing the network shows the offline state and parsing still works", async () => {
  const { page } = await openJoinScreen();
  await browser.context.setOffline(true);
  try {
    await page.waitForSelector("#connection[data-state='offline']");
    assert.match(await page.locator("#connection").textContent(), /Нет сети/);
    const result = await resultAfterTyping(page, kValidCode);
    assert.equal(result.state, "valid");
  } finally {
    await browser.context.setOffline(false);
  }
  await page.waitForSelector("#connection[data-state='online']");
  await page.close();
});

test("where the browser can keep data, the app names the tier and shows no storage warning", async () => {
  const { page, problems } = await openJoinScreen();
  await page.waitForSelector("body[data-storage-tier]");
  assert.equal(await page.getAttribute("body", "data-storage-tier"), "opfs");
  assert.equal(await page.locator("#storage-warning").isVisible(), false);
  assert.deepEqual(problems, []);
  await page.close();
});

test("where the browser can keep nothing, the app warns that offline storage is unavailable, in both languages", async () => {
  const { page } = await openJoinScreen("?storage=memory");
  const warning = page.getByRole("alert").filter({ hasText: "Офлайн-хранилище недоступно" });
  await warning.waitFor();
  assert.equal(await page.getAttribute("body", "data-storage-tier"), "memory");
  await page.getByRole("button", { name: "EN" }).click();
  await page.locator("#storage-warning", { hasText: "Offline storage unavailable" }).waitFor();
  await page.getByRole("button", { name: "RU" }).click();
  await page.waitForFunction(() => document.documentElement.lang === "ru");
  await page.close();
});
