// The activity statistics the admin reports to the director (000 §2.1), measured against the
// norms of 003 §2.1–2.2 that the server's answer carries (this file knows none of them): the
// teachers active each week, and the activation of teachers', students' and parents' profiles
// against their targets, class by class. For the admin, the class rosters as a spreadsheet.
// An online action: nothing is kept, every refusal is the server's sentence.
//
// The charts are uPlot on canvas, loaded when the panel first opens; each is an image named by
// its figures (role="img"), and the same figures stand beside it as a table. Colours are the
// stylesheet's custom properties, read again when the colour scheme changes.
import { el, fill } from "./dom.js";
import { openPanel } from "./dialog.js";
import { callApi } from "../net/api.js";
import { onlineFailureText } from "./online-failure.js";
import { text } from "../i18n.js";

const kWeekChoices = [4, 8, 12];
const kDefaultWeeks = 4;
const kActivityChartHeight = 200;
// The activation chart grows a row per class, so that a school of 30 classes stays readable on
// a phone: the bars run across, the classes down.
const kActivationRowHeight = 34;
const kActivationChartPadding = 48;
// The narrowest a week's label on the activity chart may be before labels are skipped.
const kWeekLabelPx = 44;
const kCategoryAxisPx = 76;

let chartLibrary = null;

/** uPlot with its stylesheet, once per page; null when it cannot be had (the tables remain). */
function loadChartLibrary() {
  chartLibrary ??= Promise.all([
    import("../vendor/uplot.mjs"),
    new Promise((resolve, reject) => {
      const link = el("link", { rel: "stylesheet", href: "/vendor/uplot.css" });
      link.addEventListener("load", resolve);
      link.addEventListener("error", () => {
        link.remove();
        reject(new Error("uplot.css did not load"));
      });
      document.head.append(link);
    }),
  ]).then(([module]) => module.default, () => {
    chartLibrary = null;
    return null;
  });
  return chartLibrary;
}

const intlLocale = (locale) => (locale === "en" ? "en-GB" : "ru-RU");

function formats(locale) {
  const number = new Intl.NumberFormat(intlLocale(locale), { maximumFractionDigits: 1 });
  const week = new Intl.DateTimeFormat(intlLocale(locale), { day: "2-digit", month: "2-digit" });
  return {
    percent: (value) => text(locale, "statsPercent", number.format(value)),
    week: (ms) => week.format(new Date(ms)),
  };
}

/** A share's figures as shown: the percentage, or null when nobody is expected. */
const shareOf = ({ activated, expected }) => (expected > 0 ? (100 * activated) / expected : null);

/** What a share's `target` says, in words; `notKept` names the empty case for its row. */
function targetWords(locale, share, notKept) {
  if (share.target === "nothing_expected") return text(locale, notKept);
  return text(locale, `statsTarget_${share.target}`) ?? share.target;
}

/** "#rrggbb" at `alpha`, for the canvas (which is not sure to know color-mix); null if not hex. */
function translucent(hex, alpha) {
  const match = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(hex);
  return match ? `rgb(${match.slice(1).map((part) => parseInt(part, 16)).join(" ")} / ${alpha})` : null;
}

/** The colours of the stylesheet in force now (light or dark). */
function palette(node) {
  const style = getComputedStyle(node);
  const read = (name) => style.getPropertyValue(name).trim();
  return {
    fg: read("--fg"),
    teachers: read("--ok"), students: read("--accent"), parents: read("--offline"), target: read("--bad"),
    grid: translucent(read("--fg"), 0.14) ?? read("--muted"),
    font: `13px ${style.fontFamily}`,
  };
}

/**
 * A uPlot plugin drawing a target across each category: `marks[i]` is the value at category i
 * (null: none), drawn as a dashed line over the bars, whichever way the chart is turned, over
 * `spread` of the category's width (0.5: marks of neighbours meet).
 */
function targetMarks(uPlot, marks, colour, spread = 0.45) {
  return (u) => {
    const ratio = uPlot.pxRatio;
    const across = u.scales.x.ori === 0;
    const step = marks.length > 1 ? Math.abs(u.valToPos(1, "x", true) - u.valToPos(0, "x", true)) : u.bbox[across ? "width" : "height"];
    const half = step * spread;
    const { ctx } = u;
    ctx.save();
    ctx.strokeStyle = colour;
    ctx.lineWidth = 2.5 * ratio;
    ctx.setLineDash([6 * ratio, 3 * ratio]);
    ctx.beginPath();
    marks.forEach((mark, index) => {
      if (mark === null) return;
      const along = u.valToPos(index, "x", true);
      const level = u.valToPos(mark, "y", true);
      if (across) {
        ctx.moveTo(along - half, level);
        ctx.lineTo(along + half, level);
      } else {
        ctx.moveTo(level, along - half);
        ctx.lineTo(level, along + half);
      }
    });
    ctx.stroke();
    ctx.restore();
  };
}

const categoryAxis = (colours, labels, extra = {}) => ({
  stroke: colours.fg, font: colours.font, grid: { show: false }, ticks: { show: false },
  splits: () => labels.map((_, index) => index),
  values: (u, splits) => splits.map((index) => labels[index] ?? ""),
  ...extra,
});

const valueAxis = (colours, format, incrs, extra = {}) => ({
  stroke: colours.fg, font: colours.font, incrs,
  grid: { stroke: colours.grid, width: 1 }, ticks: { stroke: colours.grid, width: 1 },
  values: (u, splits) => splits.map(format),
  ...extra,
});

/** Active teachers per week, as bars, against the number of teachers, as a dashed line. */
function activityChart(uPlot, host, answer, locale, colours) {
  const { teachers, weeks } = answer;
  const teacherCount = teachers.people.length;
  const { week } = formats(locale);
  const labels = weeks.map(({ start }) => week(start));
  const weekIndexes = labels.map((_, index) => index);
  return new uPlot({
    width: host.clientWidth, height: kActivityChartHeight,
    legend: { show: false }, cursor: { show: false }, select: { show: false },
    scales: {
      x: { time: false, range: [-0.5, labels.length - 0.5] },
      // A little above the number of teachers, so that its line is not drawn on the edge.
      y: { range: [0, Math.max(1, teacherCount, ...teachers.activeTeachersPerWeek) * 1.06] },
    },
    axes: [
      categoryAxis(colours, labels, {
        // Every week's label when there is room, every second or third when not (a phone).
        splits: (u) => {
          const room = u.bbox.width / uPlot.pxRatio;
          const every = Math.max(1, Math.ceil((labels.length * kWeekLabelPx) / Math.max(room, 1)));
          return weekIndexes.filter((index) => (labels.length - 1 - index) % every === 0);
        },
      }),
      valueAxis(colours, (value) => String(value), [1, 2, 5, 10, 20, 50, 100, 200, 500], { size: 40 }),
    ],
    series: [
      {},
      { label: text(locale, "statsActiveTeachers"), fill: colours.teachers, stroke: colours.teachers, width: 0,
        points: { show: false }, paths: uPlot.paths.bars({ size: [0.6, 64] }) },
    ],
    hooks: { draw: [targetMarks(uPlot, labels.map(() => teacherCount), colours.target, 0.5)] },
  }, [weekIndexes, teachers.activeTeachersPerWeek], host);
}

/** The rows of the activation chart and table: teachers, each class, the school. */
function activationRows(answer, locale) {
  return [
    { label: text(locale, "statsTeachers"), teachers: answer.teachers.activation },
    ...answer.classes.map((entry) => ({ label: entry.classId, classEntry: entry, students: entry.students, parents: entry.parents })),
    { label: text(locale, "statsSchool"), school: true, students: answer.students, parents: answer.parents },
  ];
}

/** Each row's shares as percentages, across; each row's target as a dashed mark. */
function activationChart(uPlot, host, answer, locale, colours) {
  const rows = activationRows(answer, locale);
  const series = (kind) => rows.map((row) => (row[kind] ? shareOf(row[kind]) : null));
  const marks = rows.map((row) => {
    const shares = [row.teachers, row.students, row.parents].filter(Boolean);
    const expected = shares.filter((share) => share.expected > 0);
    return expected.length ? expected[0].targetPercent : null;
  });
  const { percent } = formats(locale);
  const bar = (kind, align) => ({
    label: text(locale, kind === "teachers" ? "statsTeachers" : kind === "students" ? "statsStudents" : "statsParents"),
    fill: colours[kind], stroke: colours[kind], width: 0, points: { show: false },
    paths: uPlot.paths.bars({ size: [align === 0 ? 0.4 : 0.38, 48], align }),
  });
  return new uPlot({
    width: host.clientWidth, height: kActivationChartPadding + rows.length * kActivationRowHeight,
    legend: { show: false }, cursor: { show: false }, select: { show: false },
    scales: {
      x: { time: false, ori: 1, dir: -1, range: [-0.5, rows.length - 0.5] },
      // A little past 100, so that a 100 % target is not drawn on the edge.
      y: { ori: 0, dir: 1, range: [0, 104] },
    },
    axes: [
      categoryAxis(colours, rows.map((row) => row.label), { side: 3, size: kCategoryAxisPx }),
      valueAxis(colours, percent, [10, 20, 25, 50], { side: 2 }),
    ],
    series: [{}, bar("teachers", 0), bar("students", -1), bar("parents", 1)],
    hooks: { draw: [targetMarks(uPlot, marks, colours.target)] },
  }, [rows.map((_, index) => index), series("teachers"), series("students"), series("parents")], host);
}

function legend(locale, kinds) {
  return el("ul", { class: "stats-legend", "aria-hidden": "true" },
    kinds.map(([kind, key]) => el("li", {}, el("span", { class: `stats-swatch stats-swatch-${kind}` }), text(locale, key))));
}

/** The words a screen reader hears for the activity chart: every week's figure. */
function activityLabel(answer, locale) {
  const { week } = formats(locale);
  const total = answer.teachers.people.length;
  const weeks = answer.weeks.map(({ start }, index) =>
    `${text(locale, "statsWeekOf", week(start))}: ${text(locale, "statsOf", answer.teachers.activeTeachersPerWeek[index], total)}`);
  return text(locale, "statsActivityChartLabel", weeks.join("; "));
}

function activationLabel(answer, locale) {
  const { percent } = formats(locale);
  const share = (value, notKept) => (value.expected > 0
    ? `${percent(shareOf(value))} (${text(locale, "statsTarget")} ${percent(value.targetPercent)})`
    : text(locale, notKept));
  const parts = activationRows(answer, locale).map((row) => row.teachers
    ? `${row.label}: ${share(row.teachers, "statsNoTeachers")}`
    : `${row.label}: ${text(locale, "statsStudents").toLowerCase()} ${share(row.students, row.school ? "statsRostersNotKept" : "statsRosterNotKept")}, ` +
      `${text(locale, "statsParents").toLowerCase()} ${share(row.parents, row.school ? "statsRostersNotKept" : "statsRosterNotKept")}`);
  return text(locale, "statsActivationChartLabel", parts.join("; "));
}

/** A table that may be wider than a phone: it scrolls sideways, and the keyboard can scroll it. */
function wideTable(label, table) {
  return el("div", { class: "stats-table-scroll", role: "region", "aria-label": label, tabindex: 0 }, table);
}

function activationTable(answer, locale) {
  const { percent } = formats(locale);
  const cells = (share, notKept) => [
    el("td", {}, text(locale, "statsOf", share.activated, share.expected)),
    el("td", {}, share.expected > 0 ? percent(shareOf(share)) : "—"),
    el("td", {}, percent(share.targetPercent)),
    el("td", { class: `stats-result stats-result-${share.target}` }, targetWords(locale, share, notKept)),
  ];
  const body = [];
  for (const row of activationRows(answer, locale)) {
    if (row.teachers) {
      body.push(el("tr", { dataset: { row: "teachers" } },
        el("th", { scope: "row" }, text(locale, "statsTeachersVerified")), cells(row.teachers, "statsNoTeachers"), el("td", {}, "")));
      continue;
    }
    const notKept = row.school ? "statsRostersNotKept" : "statsRosterNotKept";
    for (const kind of ["students", "parents"]) {
      const unlisted = row.classEntry ? row.classEntry[kind === "students" ? "unlistedStudents" : "unlistedParents"] : null;
      const dataset = row.school ? { row: `school-${kind}` } : { row: kind, classId: row.classEntry.classId };
      body.push(el("tr", { dataset },
        el("th", { scope: "row" }, `${row.label}, ${text(locale, kind === "students" ? "statsStudents" : "statsParents").toLowerCase()}`),
        cells(row[kind], notKept),
        el("td", {}, unlisted === null ? "" : String(unlisted))));
    }
  }
  const caption = text(locale, "statsActivationTable");
  return wideTable(caption, el("table", { class: "stats-table stats-activation-table" },
    el("caption", {}, caption),
    el("thead", {}, el("tr", {}, ["statsColumnWho", "statsColumnActivated", "statsColumnShare", "statsColumnTarget", "statsColumnResult", "statsColumnUnlisted"]
      .map((key) => el("th", { scope: "col" }, text(locale, key))))),
    el("tbody", {}, body)));
}

function teacherTable(answer, locale) {
  const { week } = formats(locale);
  const { teachers, weeks } = answer;
  const caption = text(locale, "statsTeacherTable");
  const activeMark = () => [el("span", { class: "stats-active-mark", "aria-hidden": "true" }, " ✓"),
    el("span", { class: "visually-hidden" }, ` ${text(locale, "statsActiveMark")}`)];
  return wideTable(caption, el("table", { class: "stats-table stats-teacher-table" },
    el("caption", {}, caption),
    el("thead", {}, el("tr", {},
      el("th", { scope: "col" }, text(locale, "statsColumnTeacher")),
      weeks.map(({ start }) => el("th", { scope: "col" }, text(locale, "statsWeekOf", week(start)))),
      el("th", { scope: "col" }, text(locale, "statsColumnProfile")))),
    el("tbody", {}, teachers.people.map((person) => el("tr", { dataset: { teacherId: person.id } },
      el("th", { scope: "row" }, person.name),
      person.messagesPerWeek.map((count, index) => el("td", { class: person.activePerWeek[index] ? "stats-active" : null },
        String(count), person.activePerWeek[index] ? activeMark() : null)),
      el("td", {}, text(locale, person.verified ? "statsVerified" : "statsNotVerified"))))),
    el("tfoot", {}, el("tr", {},
      el("th", { scope: "row" }, text(locale, "statsActiveTotal")),
      teachers.activeTeachersPerWeek.map((count) => el("td", {}, text(locale, "statsOf", count, teachers.people.length))),
      el("td", {}, text(locale, "statsOf", teachers.activation.activated, teachers.activation.expected))))));
}

function figure(label, caption, legendNode) {
  const host = el("div", { class: "stats-chart", role: "img", "aria-label": label });
  return { host, node: el("figure", { class: "stats-figure" }, el("figcaption", {}, caption), legendNode, host) };
}

/** Draws `answer`; answers the charts drawn, to destroy when the panel redraws or closes. */
function render(container, answer, locale, uPlot) {
  const { norms } = answer;
  const activity = figure(activityLabel(answer, locale), text(locale, "statsActivityChart"),
    legend(locale, [["teachers", "statsActiveTeachers"], ["target", "statsAllTeachers"]]));
  const activation = figure(activationLabel(answer, locale), text(locale, "statsActivationChart"),
    legend(locale, [["teachers", "statsTeachers"], ["students", "statsStudents"], ["parents", "statsParents"], ["target", "statsTarget"]]));
  fill(container,
    el("section", { class: "stats-section", "aria-labelledby": "stats-activation-title" },
      el("h3", { id: "stats-activation-title" }, text(locale, "statsActivationTitle")),
      el("p", { class: "hint" }, text(locale, "statsActivationNorms", norms.teacherActivationPercent, norms.studentParentActivationPercent)),
      uPlot ? activation.node : null,
      activationTable(answer, locale),
      el("p", { class: "hint" }, text(locale, "statsUnlistedHint"))),
    el("section", { class: "stats-section", "aria-labelledby": "stats-activity-title" },
      el("h3", { id: "stats-activity-title" }, text(locale, "statsActivityTitle")),
      el("p", { class: "hint" }, text(locale, "statsActiveRule", norms.teacherActiveMessagesPerWeek)),
      uPlot ? activity.node : null,
      teacherTable(answer, locale)),
    uPlot ? null : el("p", { class: "hint" }, text(locale, "statsNoCharts")));
  if (!uPlot) return [];
  const colours = palette(container);
  return [activationChart(uPlot, activation.host, answer, locale, colours), activityChart(uPlot, activity.host, answer, locale, colours)];
}

/**
 * Opens the statistics. `actions` are the policy actions the person may take school-wide
 * (core's schoolActions): the roster export is offered only with `manage_roster`.
 */
export function openStatsPanel({ locale, actions }) {
  const weeksSelect = el("select", { id: "stats-weeks" }, kWeekChoices.map((count) =>
    el("option", { value: count, selected: count === kDefaultWeeks ? true : null }, text(locale, "statsWeeks", count))));
  const status = el("p", { class: "result", role: "status", "aria-live": "polite" });
  const body = el("div", { class: "stats-body" });
  const exportLink = actions.includes("manage_roster")
    ? el("p", { class: "stats-export" },
        el("a", { href: "/api/v1/roster/export", download: "", class: "stats-export-link" }, text(locale, "statsRosterExport")))
    : null;
  const dialog = openPanel({
    className: "stats-dialog",
    titleId: "stats-title",
    title: text(locale, "statsTitle"),
    content: [el("div", { class: "stats-controls" }, el("label", { for: "stats-weeks" }, text(locale, "statsPeriod")), weeksSelect),
      status, body, exportLink],
    closeLabel: text(locale, "close"),
  });

  let charts = [];
  let shown = null;
  let uPlot = null;
  let request = 0;
  const clearCharts = () => {
    for (const chart of charts) chart.destroy();
    charts = [];
  };
  const draw = () => {
    clearCharts();
    if (shown) charts = render(body, shown, locale, uPlot);
  };
  const load = async () => {
    const mine = ++request;
    status.textContent = text(locale, "statsLoading");
    const query = `weeks=${Number(weeksSelect.value)}&utcOffsetMinutes=${-new Date().getTimezoneOffset()}`;
    try {
      const [answer, library] = await Promise.all([callApi("GET", `/api/v1/stats/activity?${query}`), loadChartLibrary()]);
      if (mine !== request || !dialog.open) return;
      shown = answer;
      uPlot = library;
      status.textContent = "";
      draw();
    } catch (error) {
      if (mine !== request) return;
      // Figures of another period stay no longer than the period they were asked for.
      shown = null;
      clearCharts();
      fill(body);
      status.textContent = onlineFailureText(locale, error, "statsNoAnswer");
    }
  };

  // The charts follow the panel's width (a phone turned, a window resized) and the scheme.
  const resize = new ResizeObserver(() => {
    for (const chart of charts) {
      const width = chart.root.parentElement?.clientWidth ?? 0;
      if (width > 0 && width !== chart.width) chart.setSize({ width, height: chart.height });
    }
  });
  resize.observe(body);
  const scheme = matchMedia("(prefers-color-scheme: dark)");
  scheme.addEventListener("change", draw);
  dialog.addEventListener("close", () => {
    request += 1;
    resize.disconnect();
    scheme.removeEventListener("change", draw);
    clearCharts();
  });
  weeksSelect.addEventListener("change", load);
  load();
  return dialog;
}
