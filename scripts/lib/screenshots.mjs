// Captures the app's main screens into docs/screenshots/, at a phone's 360 px and on a
// desktop, against a reference server with the demo school started for the purpose.
//
// node scripts/lib/screenshots.mjs   (after the native and wasm builds)
import { join } from "node:path";

import { launchChromium } from "../../tests/browser/support/chromium.mjs";
import { signInThroughTheForm, startReferenceServer } from "../../tests/browser/support/reference-server.mjs";
import { kRepository } from "./static-server.mjs";

const kOut = join(kRepository, "docs/screenshots");
const kDevices = { phone: { width: 360, height: 740 }, desktop: { width: 1280, height: 800 } };

const server = await startReferenceServer();
const browser = await launchChromium();
try {
  for (const [device, viewport] of Object.entries(kDevices)) {
    const page = await browser.context.newPage();
    await page.setViewportSize(viewport);
    const shot = async (name) => {
      await page.evaluate(() => window.scrollTo(0, 0));
      await page.screenshot({ path: join(kOut, `${device}-${name}.png`) });
    };
    await page.goto(`${server.url}/`);
    await page.waitForSelector("body[data-ready='true']");
    await shot("sign-in");
    await signInThroughTheForm(page, "teacher-5a");
    await page.locator(".chat-entry", { hasText: "Родители 5А" }).waitFor();
    await shot("chat-list");
    await page.locator(".chat-entry", { hasText: "Родители 5А" }).click();
    await page.locator(".message").first().waitFor();
    await shot("chat");
    await page.getByRole("button", { name: "Пригласить" }).click();
    await page.getByRole("dialog").getByRole("button", { name: "Создать ссылку" }).click();
    await page.getByRole("dialog").getByRole("img", { name: /QR-код/ }).waitFor();
    await page.screenshot({ path: join(kOut, `${device}-invite.png`), fullPage: true });
    await page.emulateMedia({ media: "print" });
    await page.screenshot({ path: join(kOut, `${device}-print-sheet.png`) });
    await page.emulateMedia({ media: "screen" });
    await page.getByRole("dialog").getByRole("button", { name: "Закрыть" }).click();
    // A pending message: written while the server is away.
    await server.stop();
    await page.getByLabel("Сообщение").fill("Собрание переносится на четверг, 18:00.");
    await page.getByRole("button", { name: "Отправить" }).click();
    await page.locator(".delivery.sending").first().waitFor();
    await page.waitForSelector("#connection[data-state='offline']", { timeout: 60000 });
    await shot("composer-pending");
    await server.restart();
    await page.locator(".message.mine .delivery.sent").last().waitFor({ timeout: 60000 });
    await page.getByRole("button", { name: "Выйти" }).click();
    await page.getByRole("dialog").getByRole("button", { name: "Выйти и удалить" }).click();
    await page.waitForSelector("body[data-screen='sign-in']");
    // The admin's school screens and the activity statistics.
    await signInThroughTheForm(page, "admin");
    await page.getByRole("button", { name: "Школа" }).click();
    await page.getByRole("dialog", { name: "Школа" }).locator(".school-person").first().waitFor();
    await page.screenshot({ path: join(kOut, `${device}-school.png`) });
    await page.getByRole("dialog", { name: "Школа" }).getByRole("button", { name: "Статистика активности" }).click();
    await page.getByRole("dialog", { name: "Статистика активности" }).locator("canvas").first().waitFor();
    await page.screenshot({ path: join(kOut, `${device}-statistics.png`), fullPage: true });
    await page.keyboard.press("Escape");
    await page.keyboard.press("Escape");
    await page.getByRole("button", { name: "Выйти" }).click();
    await page.getByRole("dialog").getByRole("button", { name: "Выйти и удалить" }).click();
    await page.waitForSelector("body[data-screen='sign-in']");
    await page.close();
    // The join preview, as a parent opening the printed link sees it.
    const visitor = await browser.context.newPage();
    await visitor.setViewportSize(viewport);
    await visitor.goto(`${server.url}/join/630C7Q4G5YM42A2RPZTVFVTRYJ2`);
    await visitor.locator("#join-preview .join-destination").waitFor();
    await visitor.screenshot({ path: join(kOut, `${device}-join-preview.png`), fullPage: true });
    await visitor.close();
  }
} finally {
  await browser.close();
  await server.close();
}
console.log(`screenshots: written to ${kOut}`);
