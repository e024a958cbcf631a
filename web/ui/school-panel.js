// The school screens of the admin and the director (000 §2.1, 003 §2.1): the people of the
// school (verifying teachers, attaching class and subject teachers, appointing admins, moving a
// student, signing someone out everywhere), its classes, the class rosters with their export,
// the school's invite links, the audit log, and the activity statistics. Which screens there are is core's schoolActions;
// which buttons a person has is core's actionsOnPeople for them. Everything here is online:
// the server decides again and its refusal is shown with its sentence.
import { el, fill } from "./dom.js";
import { confirmDialog, openPanel } from "./dialog.js";
import { callApi } from "../net/api.js";
import { onlineFailureText } from "./online-failure.js";
import { openStatsPanel } from "./stats-panel.js";
import { inviteItem } from "./invite-panel.js";
import { text } from "../i18n.js";

const kAuditPage = 50;

const statusLine = () => el("p", { class: "result", role: "status", "aria-live": "polite" });

const when = (locale, ms) => new Date(ms).toLocaleString(locale === "en" ? "en-GB" : "ru-RU");

// Runs an online action, saying in `status` that it is under way and how it ended; `then`
// redraws what it changed.
function acting(locale, status, call, then) {
  return async () => {
    status.textContent = text(locale, "joinSending");
    try {
      await call();
      status.textContent = text(locale, "schoolDone");
      await then?.();
    } catch (error) {
      status.textContent = onlineFailureText(locale, error);
    }
  };
}

/** A table that may be wider than a phone: it scrolls sideways, and the keyboard can scroll it. */
const scrollable = (label, table) => el("div", { class: "table-scroll", role: "region", "aria-label": label, tabindex: 0 }, table);

function classSelect(id, classes, label) {
  return [el("label", { for: id, class: "visually-hidden" }, label),
    el("select", { id }, classes.map((schoolClass) => el("option", { value: schoolClass.id }, schoolClass.id)))];
}

// The school's people and classes, both online; a failure is said in `status`, and both
// lists are then empty.
async function peopleAndClasses(locale, status) {
  try {
    const [{ people }, { classes }] = await Promise.all([callApi("GET", "/api/v1/people"), callApi("GET", "/api/v1/classes")]);
    return { people, classes };
  } catch (error) {
    status.textContent = onlineFailureText(locale, error);
    return { people: [], classes: [] };
  }
}

// --- People.

function personFacts(locale, person) {
  const facts = person.roles.map((role) => text(locale, `role_${role}`));
  if (person.studentOf) facts.push(text(locale, "schoolStudentOf", person.studentOf));
  if (person.classTeacherOf.length > 0) facts.push(text(locale, "schoolClassTeacherOf", person.classTeacherOf.join(", ")));
  if (person.teaches.length > 0) facts.push(text(locale, "schoolTeaches", person.teaches.join(", ")));
  return facts.join(" · ");
}

function personItem({ locale, person, actions, classes, redraw }) {
  const status = statusLine();
  const id = person.id;
  const controls = [];
  if (actions.includes("verify_teacher")) {
    controls.push(person.verified
      ? el("span", { class: "ok-text" }, text(locale, "schoolVerified"))
      : el("button", { type: "button", class: "secondary",
          onclick: acting(locale, status, () => callApi("POST", `/api/v1/users/${id}/verify`), redraw) },
        text(locale, "schoolVerify")));
  }
  if (actions.includes("assign_class_teacher") && classes.length > 0) {
    const [classLabel, classPicker] = classSelect(`assign-class-${id}`, classes, text(locale, "schoolClassLabel"));
    const kindPicker = el("select", { id: `assign-kind-${id}` },
      el("option", { value: "class_teacher" }, text(locale, "schoolAsClassTeacher")),
      el("option", { value: "subject_teacher" }, text(locale, "schoolAsSubjectTeacher")));
    const assign = (assigned) => acting(locale, status, () => callApi("POST", `/api/v1/users/${id}/assignments`,
      { classId: classPicker.value, assignment: kindPicker.value, assigned }), redraw);
    controls.push(el("span", { class: "school-assign", role: "group", "aria-label": text(locale, "schoolAssignGroup", person.name) },
      classLabel, classPicker,
      el("label", { for: `assign-kind-${id}`, class: "visually-hidden" }, text(locale, "schoolAssignmentLabel")), kindPicker,
      el("button", { type: "button", class: "secondary", onclick: assign(true) }, text(locale, "schoolAttach")),
      el("button", { type: "button", class: "secondary", onclick: assign(false) }, text(locale, "schoolDetach"))));
  }
  if (actions.includes("appoint_admin")) {
    const isAdmin = person.roles.includes("admin");
    controls.push(el("button", { type: "button", class: "secondary",
      onclick: acting(locale, status, () => callApi("POST", `/api/v1/users/${id}/admin`, { admin: !isAdmin }), redraw) },
    text(locale, isAdmin ? "schoolDismissAdmin" : "schoolAppointAdmin")));
  }
  if (actions.includes("move_student") && classes.length > 0) {
    const [classLabel, classPicker] = classSelect(`move-class-${id}`, classes, text(locale, "schoolMoveTo"));
    classPicker.value = person.studentOf ?? classes[0].id;
    controls.push(el("span", { class: "school-assign", role: "group", "aria-label": text(locale, "schoolMoveGroup", person.name) },
      classLabel, classPicker,
      el("button", { type: "button", class: "secondary",
        onclick: acting(locale, status, () => callApi("POST", `/api/v1/users/${id}/class`, { classId: classPicker.value }), redraw) },
      text(locale, "schoolMove"))));
  }
  if (actions.includes("end_sessions")) {
    controls.push(el("button", { type: "button", class: "secondary", onclick: async () => {
      const confirmed = await confirmDialog({
        title: text(locale, "schoolEndSessionsTitle", person.name),
        lines: [text(locale, "schoolEndSessionsExplained")],
        confirm: text(locale, "schoolEndSessions"),
        cancel: text(locale, "cancel"),
      });
      if (confirmed) await acting(locale, status, () => callApi("DELETE", `/api/v1/users/${id}/sessions`))();
    } }, text(locale, "schoolEndSessions")));
  }
  return el("li", { class: "school-person", dataset: { userId: String(id) } },
    el("span", { class: "sender-name" }, person.name),
    person.roles.includes("teacher") && person.verified ? el("span", { class: "badge teacher-badge" }, text(locale, "teacherBadge")) : null,
    el("span", { class: "hint" }, ` — ${personFacts(locale, person)}`),
    controls.length > 0 ? el("div", { class: "school-controls" }, controls) : null,
    status);
}

async function renderPeople(container, { parta, locale, actions }) {
  const status = statusLine();
  const { people, classes } = await peopleAndClasses(locale, status);
  const list = el("ul", { class: "school-people" });
  const filter = el("input", { id: "school-people-filter", type: "search", autocomplete: "off", maxlength: 100 });
  const redraw = () => renderPeople(container, { parta, locale, actions });
  const fitting = await parta.client.actionsOnPeople(JSON.stringify(people));
  const items = people.map((person, index) => ({
    item: personItem({ locale, person, actions: fitting.ok ? fitting.value[index] : [], classes, redraw }),
    name: person.name.toLocaleLowerCase("ru"),
  }));
  const applyFilter = () => {
    const wanted = filter.value.trim().toLocaleLowerCase("ru");
    fill(list, items.filter(({ name }) => name.includes(wanted)).map(({ item }) => item));
  };
  filter.addEventListener("input", applyFilter);
  applyFilter();
  fill(container,
    el("h3", {}, text(locale, "schoolPeopleCount", people.length)),
    el("label", { for: "school-people-filter" }, text(locale, "schoolFilterByName")), filter,
    status, list);
}

// --- Classes.

async function renderClasses(container, { locale, actions }) {
  const status = statusLine();
  let classes = [];
  try {
    ({ classes } = await callApi("GET", "/api/v1/classes"));
  } catch (error) {
    status.textContent = onlineFailureText(locale, error);
  }
  const names = (people) => (people.length === 0 ? "—" : people.map((person) => person.name).join(", "));
  const table = scrollable(text(locale, "schoolClasses"), el("table", { class: "school-table" },
    el("caption", { class: "visually-hidden" }, text(locale, "schoolClasses")),
    el("thead", {}, el("tr", {},
      ["schoolClassColumn", "schoolClassTeachersColumn", "schoolSubjectTeachersColumn", "schoolStudentsColumn"]
        .map((key) => el("th", { scope: "col" }, text(locale, key))))),
    el("tbody", {}, classes.map((schoolClass) => el("tr", {},
      el("th", { scope: "row" }, schoolClass.id),
      el("td", {}, names(schoolClass.classTeachers)),
      el("td", {}, names(schoolClass.subjectTeachers)),
      el("td", {}, String(schoolClass.students)))))));
  let create = null;
  if (actions.includes("create_class")) {
    const input = el("input", { id: "new-class-id", type: "text", maxlength: 16, autocomplete: "off", required: true });
    create = el("form", { class: "school-inline-form", novalidate: true },
      el("label", { for: "new-class-id" }, text(locale, "schoolNewClassLabel")), input,
      el("button", { type: "submit", class: "primary" }, text(locale, "schoolCreateClass")));
    create.addEventListener("submit", (event) => {
      event.preventDefault();
      const classId = input.value.trim();
      if (classId === "") return;
      acting(locale, status, () => callApi("POST", "/api/v1/classes", { classId }),
        () => renderClasses(container, { locale, actions }))();
    });
  }
  fill(container, el("h3", {}, text(locale, "schoolClasses")), table, create, status);
}

// --- Rosters (003 §2.1: the lists the 90 % activation is counted against).

async function renderRoster(container, { locale, classId }) {
  const status = statusLine();
  let entries = [];
  // The accounts an entry of each kind may be matched to, as the server answers them: the
  // same rule as its check of a match.
  let accounts = { student: [], parent: [] };
  try {
    ({ entries, accounts } = await callApi("GET", `/api/v1/roster?classId=${encodeURIComponent(classId)}`));
  } catch (error) {
    status.textContent = onlineFailureText(locale, error);
  }
  const redraw = () => renderRoster(container, { locale, classId });
  const entryItem = (entry) => {
    const candidates = accounts[entry.kind] ?? [];
    const pickerId = `roster-account-${entry.id}`;
    const picker = el("select", { id: pickerId },
      el("option", { value: "" }, text(locale, "rosterNoAccount")),
      candidates.map((person) => el("option", { value: String(person.id) }, person.name)));
    picker.value = entry.account ? String(entry.account.id) : "";
    picker.addEventListener("change", acting(locale, status, () => callApi("POST", `/api/v1/roster/${entry.id}/account`,
      { userId: picker.value === "" ? null : Number(picker.value) }), redraw));
    return el("tr", {},
      el("th", { scope: "row" }, entry.name),
      el("td", {}, text(locale, `rosterKind_${entry.kind}`)),
      el("td", {}, el("label", { for: pickerId, class: "visually-hidden" }, text(locale, "rosterAccountOf", entry.name)), picker),
      el("td", { class: entry.activated ? "ok-text" : "warn-text" }, text(locale, entry.activated ? "rosterActivated" : "rosterNotActivated")),
      el("td", {}, el("button", { type: "button", class: "link-button", "aria-label": text(locale, "rosterRemoveOf", entry.name),
        onclick: acting(locale, status, () => callApi("DELETE", `/api/v1/roster/${entry.id}`), redraw) }, text(locale, "rosterRemove"))));
  };
  const nameInput = el("input", { id: "roster-new-name", type: "text", maxlength: 256, autocomplete: "off", required: true });
  const kindInput = el("select", { id: "roster-new-kind" },
    el("option", { value: "student" }, text(locale, "rosterKind_student")),
    el("option", { value: "parent" }, text(locale, "rosterKind_parent")));
  const add = el("form", { class: "school-inline-form", novalidate: true },
    el("label", { for: "roster-new-name" }, text(locale, "rosterNewName")), nameInput,
    el("label", { for: "roster-new-kind" }, text(locale, "rosterNewKind")), kindInput,
    el("button", { type: "submit", class: "primary" }, text(locale, "rosterAdd")));
  add.addEventListener("submit", (event) => {
    event.preventDefault();
    const name = nameInput.value.trim();
    if (name === "") return;
    acting(locale, status, () => callApi("POST", "/api/v1/roster", { classId, kind: kindInput.value, name }), redraw)();
  });
  fill(container,
    scrollable(text(locale, "rosterOfClass", classId, entries.length), el("table", { class: "school-table roster-table" },
      el("caption", {}, text(locale, "rosterOfClass", classId, entries.length)),
      el("thead", {}, el("tr", {}, ["rosterNameColumn", "rosterKindColumn", "rosterAccountColumn", "rosterActivatedColumn", "rosterActionsColumn"]
        .map((key) => el("th", { scope: "col" }, text(locale, key))))),
      el("tbody", {}, entries.map(entryItem)))),
    add,
    el("p", {}, el("a", { href: `/api/v1/roster/export?classId=${encodeURIComponent(classId)}`, download: "" },
      text(locale, "rosterExportClass", classId))),
    status);
}

async function renderRosters(container, { locale }) {
  const status = statusLine();
  const { classes } = await peopleAndClasses(locale, status);
  const roster = el("div", { class: "roster" });
  const [, picker] = classSelect("roster-class", classes, text(locale, "schoolClassLabel"));
  picker.addEventListener("change", () => renderRoster(roster, { locale, classId: picker.value }));
  fill(container,
    el("h3", {}, text(locale, "schoolRosters")),
    el("p", { class: "hint" }, text(locale, "rosterExplained")),
    el("label", { for: "roster-class" }, text(locale, "schoolClassLabel")), picker,
    el("p", {}, el("a", { href: "/api/v1/roster/export", download: "" }, text(locale, "rosterExportAll"))),
    status, roster);
  if (classes.length > 0) await renderRoster(roster, { locale, classId: picker.value });
}

// --- Invite links: every link of the school, by class, revoked one by one or all unused ones
// of a class at once (001 §3.3.9), with how much each was used, for the director (000 §2.1).

async function renderInviteLinks(container, { locale }) {
  const status = statusLine();
  const { classes } = await peopleAndClasses(locale, status);
  const list = el("div", { class: "school-invites" });
  const picker = el("select", { id: "invites-class" },
    el("option", { value: "" }, text(locale, "invitesAllClasses")),
    classes.map((schoolClass) => el("option", { value: schoolClass.id }, schoolClass.id)));
  const load = async () => {
    const classId = picker.value;
    let invites;
    try {
      ({ invites } = await callApi("GET", `/api/v1/invites${classId ? `?classId=${encodeURIComponent(classId)}` : ""}`));
    } catch (error) {
      status.textContent = onlineFailureText(locale, error);
      return;
    }
    const active = invites.filter((invite) => invite.state === "active");
    const uses = invites.reduce((sum, invite) => sum + invite.uses, 0);
    const revoke = (invite) => acting(locale, status, () => callApi("POST", `/api/v1/invites/${invite.id}/revoke`, {}), load)();
    fill(list,
      el("p", {}, text(locale, "invitesSummary", invites.length, active.length, uses)),
      invites.length > 0
        ? el("ul", { class: "invite-list" }, invites.map((invite) => inviteItem(locale, invite, revoke, { withDestination: true })))
        : el("p", { class: "hint" }, text(locale, "inviteNone")),
      classId && active.some((invite) => invite.uses === 0)
        ? el("button", { type: "button", class: "secondary",
            onclick: acting(locale, status, () => callApi("POST", "/api/v1/invites/revoke-unused", { classId }), load) },
          text(locale, "invitesRevokeUnusedOf", classId))
        : null);
  };
  picker.addEventListener("change", load);
  fill(container,
    el("h3", {}, text(locale, "schoolInvites")),
    el("label", { for: "invites-class" }, text(locale, "schoolClassLabel")), picker,
    status, list);
  await load();
}

// --- The audit log (what moderators and admins did; 001 §3.4.7, 000 §2.1).

function auditItem(locale, entry) {
  const about = [];
  if (entry.user) about.push(entry.user.name);
  if (entry.classId) about.push(text(locale, "auditClass", entry.classId));
  if (entry.chatId) about.push(text(locale, "auditChat", entry.chatId));
  if (entry.inviteId) about.push(text(locale, "auditInvite", entry.inviteId));
  return el("li", { class: "audit-entry" },
    el("time", { datetime: new Date(entry.at).toISOString() }, when(locale, entry.at)), " ",
    el("strong", {}, entry.actor?.name ?? "—"), " ",
    text(locale, `audit_${entry.action}`) ?? entry.action,
    about.length > 0 ? ` — ${about.join(", ")}` : "");
}

async function renderAudit(container, { locale }) {
  const status = statusLine();
  const list = el("ol", { class: "audit-log" });
  const more = el("button", { type: "button", class: "secondary", hidden: true }, text(locale, "auditMore"));
  let before = null;
  const load = async () => {
    try {
      const query = before === null ? `?limit=${kAuditPage}` : `?limit=${kAuditPage}&before=${before}`;
      const page = await callApi("GET", `/api/v1/audit${query}`);
      list.append(...page.entries.map((entry) => auditItem(locale, entry)));
      if (page.entries.length > 0) before = page.entries[page.entries.length - 1].id;
      more.hidden = !page.more;
      if (list.childElementCount === 0) status.textContent = text(locale, "auditEmpty");
    } catch (error) {
      status.textContent = onlineFailureText(locale, error);
    }
  };
  more.addEventListener("click", load);
  fill(container, el("h3", {}, text(locale, "schoolAudit")), status, list, more);
  await load();
}

// --- The panel.

const kScreens = [
  { key: "schoolPeople", action: "view_people", render: renderPeople },
  { key: "schoolClasses", action: "view_people", render: renderClasses },
  { key: "schoolRosters", action: "manage_roster", render: renderRosters },
  { key: "schoolInvites", action: "revoke_invite", render: renderInviteLinks },
  { key: "schoolAudit", action: "view_audit_log", render: renderAudit },
];

/** Opens the school screens; `actions` is core's schoolActions answer (not empty). */
export function openSchoolPanel({ parta, locale, actions }) {
  const body = el("div", { class: "school-body" });
  const tabs = kScreens.filter((screen) => actions.includes(screen.action));
  const buttons = tabs.map((screen) => el("button", { type: "button", class: "secondary", "aria-pressed": "false",
    onclick: async (event) => {
      for (const button of buttons) button.setAttribute("aria-pressed", String(button === event.currentTarget));
      await screen.render(body, { parta, locale, actions });
    } }, text(locale, screen.key)));
  if (actions.includes("view_activity_stats")) {
    buttons.push(el("button", { type: "button", class: "secondary", onclick: () => openStatsPanel({ locale, actions }) },
      text(locale, "statsTitle")));
  }
  openPanel({
    className: "school-dialog",
    titleId: "school-title",
    title: text(locale, "schoolTitle"),
    content: [el("nav", { class: "school-tabs", "aria-label": text(locale, "schoolTitle") }, buttons), body],
    closeLabel: text(locale, "close"),
  });
  buttons[0]?.click();
}
