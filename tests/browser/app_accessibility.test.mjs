// axe-core on every screen of the app, at a phone's 360 px and on a desktop, in both colour
// schemes: no serious or critical violation (001 §2.2: the platform serves everyone).
import { after, before, test } from "node:test";
import assert from "node:assert/strict";

import { seriousViolations } from "./support/axe.mjs";
import { launchChromium } from "./support/chromium.mjs";
import { signInThroughTheForm, startReferenceServer } from "./support/reference-server.mjs";

let server;
let browser;

before(async () => {
  server = await startReferenceServer();
  browser = await launchChromium();
});

after(async () => {
  await browser?.close();
  await server?.close();
});

for (const [device, viewport] of [["a phone at 360 px", { width: 360, height: 740 }], ["a desktop", { width: 1280, height: 800 }]]) {
  for (const colorScheme of ["light", "dark"]) {
    test(`every screen on ${device} in the ${colorScheme} scheme has no serious or critical axe violation`, async () => {
      const page = await browser.context.newPage();
      await page.setViewportSize(viewport);
      await page.emulateMedia({ colorScheme });
      const found = {};
      const check = async (screen) => {
        const violations = await seriousViolations(page);
        if (violations.length) found[screen] = violations;
      };
      await page.goto(`${server.url}/`);
      await page.waitForSelector("body[data-ready='true']");
      await check("sign-in");
      await signInThroughTheForm(page, "teacher-5a");
      await page.locator(".chat-entry", { hasText: "Родители 5А" }).waitFor();
      await check("chat list");
      await page.getByRole("button", { name: "Новый чат" }).click();
      await page.getByRole("dialog").getByLabel("Название").waitFor();
      await check("new chat");
      await page.getByRole("dialog").getByRole("button", { name: "Закрыть" }).click();
      await page.locator(".chat-entry", { hasText: "Родители 5А" }).click();
      await page.locator(".message").first().waitFor();
      await check("chat with composer");
      // The demo's trip memo, opened: kept for offline reading and marked so; settings then
      // show the space it takes and «Освободить место».
      const memo = page.getByRole("link", { name: /Памятка к экскурсии\.txt/ });
      await Promise.all([page.waitForEvent("download"), memo.click()]);
      await page.locator(".attachment-kept", { hasText: "сохранено для чтения без сети" }).waitFor();
      await check("chat with a file saved for offline reading");
      await page.getByRole("button", { name: "Пригласить" }).click();
      await page.getByRole("dialog").getByRole("button", { name: "Создать ссылку" }).click();
      await page.getByRole("dialog").getByRole("img", { name: /QR-код/ }).waitFor();
      await check("invite with its QR code");
      await page.getByRole("dialog").getByRole("button", { name: "Закрыть" }).click();
      await page.getByRole("button", { name: "Участники" }).click();
      await page.getByRole("dialog").locator(".member").first().waitFor();
      await check("members with moderation");
      await page.getByRole("dialog").getByRole("button", { name: "Закрыть" }).click();
      await page.getByRole("button", { name: "Настройки" }).click();
      await page.getByRole("dialog").locator(".sessions li").first().waitFor();
      await page.getByRole("dialog").getByRole("button", { name: "Освободить место" }).waitFor();
      await check("settings with a file kept");
      await page.getByRole("dialog").getByRole("button", { name: "Закрыть" }).click();
      await page.goto(`${server.url}/#/chats`);
      await page.locator(".chat-entry", { hasText: "Общешкольный канал" }).click();
      await page.locator("#composer-absent").waitFor();
      await check("read-only channel");
      await page.getByRole("button", { name: "Выйти" }).click();
      await page.getByRole("dialog").waitFor();
      await check("sign-out dialog");
      // Signed out again, so the next test starts at the sign-in screen.
      await page.getByRole("dialog").getByRole("button", { name: "Выйти и удалить" }).click();
      await page.waitForSelector("body[data-screen='sign-in']");
      await signInThroughTheForm(page, "admin");
      await page.getByRole("button", { name: "Школа" }).click();
      const school = page.getByRole("dialog", { name: "Школа" });
      await school.locator(".school-person").first().waitFor();
      await check("school: people");
      for (const [tab, shown] of [["Классы", ".school-table"], ["Списки классов", ".roster-table"], ["Приглашения", ".school-invites .invite-list"], ["Журнал действий", ".audit-log"]]) {
        await school.getByRole("button", { name: tab }).click();
        await school.locator(shown).waitFor();
        await check(`school: ${tab}`);
      }
      await school.getByRole("button", { name: "Закрыть" }).click();
      await page.getByRole("button", { name: "Выйти" }).click();
      await page.getByRole("dialog").getByRole("button", { name: "Выйти и удалить" }).click();
      await page.waitForSelector("body[data-screen='sign-in']");
      await page.close();
      assert.deepEqual(found, {});
    });
  }
}
