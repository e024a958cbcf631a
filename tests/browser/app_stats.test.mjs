// The activity statistics (issue 14) against the real reference server and its demo school, in
// headless Chromium: the admin's and the director's charts with the targets of the server's
// norms, figures that are the server's answer, the roster export for the admin alone, the
// server's refusals as its own sentences, and axe on the panel. Reached as a person reaches it,
// from the «Школа» button. One server and one browser for the file; the people take turns on
// one page, signing out in between.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";

import { seriousViolations } from "./support/axe.mjs";
import { launchChromium } from "./support/chromium.mjs";
import { signInThroughTheForm, startReferenceServer } from "./support/reference-server.mjs";

let server;
let browser;
let page;
let signedIn = null;
const problems = [];

before(async () => {
  server = await startReferenceServer();
  browser = await launchChromium();
  page = await browser.context.newPage();
  page.on("pageerror", (error) => problems.push(error));
  await page.goto(`${server.url}/`);
  await page.waitForSelector("body[data-ready='true']", { timeout: 30000 });
});

after(async () => {
  await browser?.close();
  await server?.close();
});

async function closeDialogs() {
  while (await page.locator("dialog[open]").count()) await page.keyboard.press("Escape");
}

async function signInAs(login) {
  if (signedIn === login) return;
  if (signedIn) {
    await closeDialogs();
    await page.getByRole("button", { name: "Выйти" }).click();
    await page.getByRole("dialog").getByRole("button", { name: "Выйти и удалить" }).click();
    await page.waitForSelector("body[data-screen='sign-in']");
  }
  await signInThroughTheForm(page, login);
  signedIn = login;
}

/**
 * Opens the statistics as `login` the way a person does, «Школа» and then «Статистика
 * активности» (the school panel hands on core's schoolActions), and waits for the charts.
 */
async function openStats(login) {
  await signInAs(login);
  await closeDialogs();
  await page.getByRole("button", { name: "Школа", exact: true }).click();
  await page.getByRole("dialog", { name: "Школа" }).getByRole("button", { name: "Статистика активности" }).click();
  const dialog = page.getByRole("dialog", { name: "Статистика активности" });
  await dialog.locator(".stats-chart canvas").nth(1).waitFor();
  return dialog;
}

/** The server's answer for the same period, fetched from the signed-in page. */
const statsAnswer = (weeks) => page.evaluate(async (count) => {
  const response = await fetch(`/api/v1/stats/activity?weeks=${count}&utcOffsetMinutes=${-new Date().getTimezoneOffset()}`);
  return response.json();
}, weeks);

const rowTexts = (table) => table.locator("tbody tr, tfoot tr").evaluateAll((rows) =>
  rows.map((row) => [...row.children].map((cell) => cell.textContent.trim())));

const kPercent = new Intl.NumberFormat("ru-RU", { maximumFractionDigits: 1 });
const percent = (value) => `${kPercent.format(value)} %`;

/** The rows the activation table must show for `answer`, worked out from the answer alone. */
function expectedActivationRows(answer) {
  const cells = (share, notKept) => [
    `${share.activated} из ${share.expected}`,
    share.expected > 0 ? percent((100 * share.activated) / share.expected) : "—",
    percent(share.targetPercent),
    { met: "цель достигнута", missed: "цель не достигнута", nothing_expected: notKept }[share.target],
  ];
  return [
    ["Учителя (профиль подтверждён)", ...cells(answer.teachers.activation, "учителей пока нет"), ""],
    ...answer.classes.flatMap((entry) => [
      [`${entry.classId}, ученики`, ...cells(entry.students, "список класса ещё не заполнен"), String(entry.unlistedStudents)],
      [`${entry.classId}, родители`, ...cells(entry.parents, "список класса ещё не заполнен"), String(entry.unlistedParents)],
    ]),
    ["Вся школа, ученики", ...cells(answer.students, "списки классов ещё не заполнены"), ""],
    ["Вся школа, родители", ...cells(answer.parents, "списки классов ещё не заполнены"), ""],
  ];
}

function expectedTeacherRows(answer) {
  const { people, activeTeachersPerWeek, activation } = answer.teachers;
  return [
    ...people.map((person) => [person.name,
      ...person.messagesPerWeek.map((count, week) => (person.activePerWeek[week] ? `${count} ✓ активен` : String(count))),
      person.verified ? "подтверждён" : "не подтверждён"]),
    ["Активных", ...activeTeachersPerWeek.map((count) => `${count} из ${people.length}`), `${activation.activated} из ${activation.expected}`],
  ];
}

/**
 * Where the activation chart draws its dashed target marks: the plot's columns painted in the
 * target colour, as fractions of the plot's width from its 0 %. Read off the canvas itself.
 */
const targetMarkPositions = (dialog) => dialog.locator(".stats-chart").first().evaluate((host) => {
  const canvas = host.querySelector("canvas");
  const over = host.querySelector(".u-over");
  const hex = getComputedStyle(host).getPropertyValue("--bad").trim().slice(1);
  const target = [0, 2, 4].map((at) => parseInt(hex.slice(at, at + 2), 16));
  const scale = canvas.width / canvas.clientWidth;
  const left = Math.round(over.offsetLeft * scale);
  const width = Math.round(over.offsetWidth * scale);
  const top = Math.round(over.offsetTop * scale);
  const height = Math.round(over.offsetHeight * scale);
  const { data } = canvas.getContext("2d").getImageData(left, top, width, height);
  const columns = [];
  for (let x = 0; x < width; x += 1) {
    let painted = 0;
    for (let y = 0; y < height; y += 1) {
      const at = (y * width + x) * 4;
      const distance = Math.abs(data[at] - target[0]) + Math.abs(data[at + 1] - target[1]) + Math.abs(data[at + 2] - target[2]);
      if (data[at + 3] > 200 && distance < 60) painted += 1;
    }
    if (painted >= 3) columns.push(x);
  }
  // Neighbouring columns are one mark.
  const marks = [];
  for (const x of columns) {
    const last = marks.at(-1);
    if (last && x - last.at(-1) <= 2) last.push(x);
    else marks.push([x]);
  }
  return marks.map((group) => (group[0] + group.at(-1)) / 2 / width);
});

test("the admin sees activation against the 100 % and 90 % targets of the server's norms and teachers active per week, as the server counts them", async () => {
  await signInAs("admin");
  // A class with no roster yet: it must read as a roster not kept, not as a target met.
  const created = await page.evaluate(async () => (await fetch("/api/v1/classes", {
    method: "POST", headers: { "Content-Type": "application/json", "X-Parta-Request": "1" }, body: JSON.stringify({ classId: "6В" }),
  })).status);
  assert.equal(created, 201);
  const dialog = await openStats("admin");
  const answer = await statsAnswer(4);
  assert.ok(answer.classes.some((entry) => entry.classId === "6В" && entry.students.target === "nothing_expected"));

  assert.deepEqual(await rowTexts(dialog.locator(".stats-activation-table")), expectedActivationRows(answer));
  assert.deepEqual(await rowTexts(dialog.locator(".stats-teacher-table")), expectedTeacherRows(answer));
  const sixV = dialog.locator(".stats-activation-table tr[data-class-id='6В']");
  assert.deepEqual(await sixV.locator(".stats-result").allTextContents(), ["список класса ещё не заполнен", "список класса ещё не заполнен"]);

  // The norms are the answer's: the hints and the charts' names say them.
  const { norms } = answer;
  assert.match(await dialog.textContent(), new RegExp(`у ${norms.teacherActivationPercent} % учителей, активированы ${norms.studentParentActivationPercent} %`));
  assert.match(await dialog.textContent(), new RegExp(`не менее ${norms.teacherActiveMessagesPerWeek} сообщений`));
  const activation = dialog.getByRole("img", { name: /^График активации профилей/ });
  const activationName = await activation.getAttribute("aria-label");
  assert.match(activationName, new RegExp(`Учителя: ${percent((100 * answer.teachers.activation.activated) / answer.teachers.activation.expected)} \\(цель ${norms.teacherActivationPercent} %\\)`));
  assert.match(activationName, /6В: ученики список класса ещё не заполнен/);
  const activity = dialog.getByRole("img", { name: /^График активных учителей по неделям/ });
  assert.match(await activity.getAttribute("aria-label"),
    new RegExp(answer.teachers.activeTeachersPerWeek.map((count) => `${count} из ${answer.teachers.people.length}`).join(".*")));

  // On the canvas: one dashed mark at the teachers' target, one at the classes', in that ratio.
  const marks = await targetMarkPositions(dialog);
  assert.equal(marks.length, 2, `target marks at ${marks}`);
  assert.ok(Math.abs(marks[1] / marks[0] - norms.teacherActivationPercent / norms.studentParentActivationPercent) < 0.02,
    `target marks at ${marks}`);

  // Another period is asked of the server and drawn.
  await dialog.getByLabel("Период").selectOption("8");
  await dialog.locator(".stats-teacher-table thead th").nth(8).waitFor();
  assert.deepEqual(await rowTexts(dialog.locator(".stats-teacher-table")), expectedTeacherRows(await statsAnswer(8)));
  assert.deepEqual(problems, []);
});

test("the admin downloads the class rosters as a CSV file from the statistics", async () => {
  const dialog = await openStats("admin");
  const link = dialog.getByRole("link", { name: "Скачать списки классов (CSV)" });
  const [download] = await Promise.all([page.waitForEvent("download"), link.click()]);
  assert.equal(download.suggestedFilename(), "roster.csv");
  const csv = await readFile(await download.path(), "utf8");
  assert.ok(csv.startsWith("\uFEFF\"Класс\";\"Список\";\"ФИО по списку\";\"Аккаунт\";\"Активирован\"\r\n"), csv.slice(0, 80));
  assert.match(csv, /"5А";"ученик";"Иванов Михаил";"Михаил Иванов";"да"\r\n/);
});

test("the statistics panel has no serious or critical axe violation at 360 px and on a desktop, light and dark", async () => {
  const dialog = await openStats("admin");
  const found = {};
  for (const [device, viewport] of [["360 px", { width: 360, height: 740 }], ["desktop", { width: 1280, height: 800 }]]) {
    for (const colorScheme of ["light", "dark"]) {
      await page.setViewportSize(viewport);
      await page.emulateMedia({ colorScheme });
      await dialog.locator(".stats-chart canvas").nth(1).waitFor();
      // The charts take the panel's width: on a phone they fit in it.
      const [chartWidth, panelWidth] = await dialog.evaluate((node) =>
        [Math.max(...[...node.querySelectorAll(".stats-chart .uplot")].map((chart) => chart.offsetWidth)), node.clientWidth]);
      assert.ok(chartWidth <= panelWidth, `a ${chartWidth} px chart in a ${panelWidth} px panel`);
      const violations = await seriousViolations(page);
      if (violations.length) found[`${device}, ${colorScheme}`] = violations;
    }
  }
  await page.emulateMedia({ colorScheme: "light" });
  assert.deepEqual(found, {});
});

test("the director sees the same statistics and no roster export, which the server would refuse them", async () => {
  const dialog = await openStats("director");
  const answer = await statsAnswer(4);
  assert.deepEqual(await rowTexts(dialog.locator(".stats-activation-table")), expectedActivationRows(answer));
  assert.deepEqual(await rowTexts(dialog.locator(".stats-teacher-table")), expectedTeacherRows(answer));
  assert.equal(await dialog.getByRole("link").count(), 0);
  assert.equal(await page.evaluate(async () => (await fetch("/api/v1/roster/export")).status), 403);
});

test("a teacher has no «Школа» button; opened anyway, the panel shows the server's refusal, and «Сервер не отвечает» when nothing answers", async () => {
  await signInAs("teacher-5a");
  // The class teacher may start chats: once that button is shown, core's offers have been read.
  await page.locator("#new-chat-button").waitFor();
  assert.equal(await page.locator("#school-button").isVisible(), false);
  // As a profile changed on the server since the last sync would: the server decides again.
  await page.evaluate(async () => (await import("/ui/stats-panel.js")).openStatsPanel({ locale: "ru", actions: ["view_activity_stats"] }));
  const dialog = page.getByRole("dialog", { name: "Статистика активности" });
  const status = dialog.getByRole("status");
  const refusal = await page.evaluate(async () => (await (await fetch("/api/v1/stats/activity")).json()).error);
  assert.equal(refusal.code, "NOT_ADMIN_OR_DIRECTOR");
  await page.waitForFunction((expected) => document.querySelector(".stats-dialog [role='status']")?.textContent === expected, refusal.message.ru);
  assert.equal(await dialog.locator(".stats-chart").count(), 0);
  await server.stop();
  try {
    await dialog.getByLabel("Период").selectOption("12");
    await page.waitForFunction(() => /^Сервер не отвечает/.test(document.querySelector(".stats-dialog [role='status']")?.textContent ?? ""));
    assert.match(await status.textContent(), /Статистика доступна, когда есть связь с сервером/);
  } finally {
    await server.restart();
  }
});
