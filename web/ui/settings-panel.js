// Settings: the signed-in person's sessions with «завершить все сеансы» (001 §4.2.2–4.2.3),
// what this device keeps and whether the browser promises to keep it, the files kept for
// offline reading with «освободить место», and deleting the account (001 §4.1.2). Online
// actions show the server's sentences.
import { el, fill } from "./dom.js";
import { openPanel } from "./dialog.js";
import { callApi } from "../net/api.js";
import { forgetKeptAttachments, keptAttachmentsSpace } from "../net/attachment-cache.js";
import { onlineFailureText } from "./online-failure.js";
import { text } from "../i18n.js";

const megabytes = (bytes) => (bytes / (1024 * 1024)).toFixed(1);

async function renderStorage(container, locale) {
  const [estimate, persisted] = await Promise.all([
    navigator.storage?.estimate?.().catch(() => null) ?? null,
    navigator.storage?.persisted?.().catch(() => false) ?? false,
  ]);
  const status = el("p", { class: "result", role: "status", "aria-live": "polite" });
  const ask = persisted ? null : el("button", { type: "button", class: "secondary", onclick: async () => {
    const granted = await navigator.storage.persist().catch(() => false);
    if (granted) await renderStorage(container, locale);
    else status.textContent = text(locale, "storagePersistRefused");
  } }, text(locale, "storagePersistAsk"));
  fill(container,
    el("h3", {}, text(locale, "storageTitle")),
    estimate ? el("p", {}, text(locale, "storageUsed", megabytes(estimate.usage ?? 0), megabytes(estimate.quota ?? 0))) : null,
    el("p", { class: persisted ? "ok-text" : "warn-text" }, text(locale, persisted ? "storagePersisted" : "storageNotPersisted")),
    ask, status);
}

// Below a megabyte in kilobytes, so that one small file does not read as «0 МБ».
function formatBytes(locale, bytes) {
  const inMegabytes = bytes >= 1024 * 1024;
  const figure = new Intl.NumberFormat(locale === "en" ? "en-GB" : "ru-RU", { maximumFractionDigits: 1 })
    .format(bytes / (inMegabytes ? 1024 * 1024 : 1024));
  return text(locale, inMegabytes ? "sizeMegabytes" : "sizeKilobytes", figure);
}

// The attachments opened here and kept for offline reading, and freeing the space they take.
async function renderKeptAttachments(container, locale) {
  const summary = el("p", { class: "kept-attachments-space", tabindex: "-1" });
  const status = el("p", { class: "result", role: "status", "aria-live": "polite" });
  let shownBytes = 0;
  const show = async () => {
    const { count, bytes } = await keptAttachmentsSpace();
    shownBytes = bytes;
    summary.textContent = count ? text(locale, "keptAttachmentsSpace", count, formatBytes(locale, bytes)) : text(locale, "keptAttachmentsNone");
    free.hidden = count === 0;
  };
  const free = el("button", { type: "button", class: "secondary", hidden: true, onclick: async () => {
    const freed = shownBytes;
    await forgetKeptAttachments();
    await show();
    status.textContent = text(locale, "keptAttachmentsFreed", formatBytes(locale, freed));
    // The button is gone with the files: the focus goes to what the section says now.
    summary.focus();
  } }, text(locale, "keptAttachmentsFree"));
  fill(container,
    el("h3", {}, text(locale, "keptAttachmentsTitle")),
    el("p", { class: "hint" }, text(locale, "keptAttachmentsExplained")),
    summary, free, status);
  await show();
}

async function renderSessions(container, locale, onAllEnded) {
  const status = el("p", { class: "result", role: "status", "aria-live": "polite" });
  let sessions = [];
  try {
    ({ sessions } = await callApi("GET", "/api/v1/sessions"));
  } catch (error) {
    status.textContent = onlineFailureText(locale, error);
  }
  const when = (ms) => new Date(ms).toLocaleString(locale === "en" ? "en-GB" : "ru-RU");
  fill(container,
    el("h3", {}, text(locale, "sessionsTitle")),
    el("ul", { class: "sessions" }, sessions.map((session) => el("li", {},
      text(locale, "sessionSince", when(session.createdAt)),
      session.current ? el("strong", {}, ` — ${text(locale, "sessionCurrent")}`) : null))),
    el("button", { type: "button", class: "danger", onclick: async () => {
      try {
        await callApi("DELETE", "/api/v1/sessions");
        await onAllEnded();
      } catch (error) {
        status.textContent = onlineFailureText(locale, error);
      }
    } }, text(locale, "sessionsEndAll")),
    status);
}

function renderDeletion(container, locale, onDeleted) {
  const status = el("p", { class: "result", role: "status", "aria-live": "polite" });
  const form = el("form", { class: "delete-account", novalidate: true },
    el("h3", {}, text(locale, "deleteAccountTitle")),
    el("p", { class: "hint" }, text(locale, "deleteAccountExplained")),
    el("label", { for: "delete-account-password" }, text(locale, "passwordLabel")),
    el("input", { id: "delete-account-password", type: "password", autocomplete: "current-password", required: true, maxlength: 256 }),
    status,
    el("button", { type: "submit", class: "danger" }, text(locale, "deleteAccount")));
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const password = form.querySelector("#delete-account-password").value;
    if (!password) {
      status.textContent = text(locale, "signInNeedsBoth");
      return;
    }
    try {
      await callApi("DELETE", "/api/v1/account", { password });
      await onDeleted();
    } catch (error) {
      status.textContent = onlineFailureText(locale, error);
    }
  });
  fill(container, form);
}

/** host: {locale, onAllSessionsEnded(), onAccountDeleted()}; both close the panel first. */
export function openSettingsPanel({ locale, onAllSessionsEnded, onAccountDeleted }) {
  const sessions = el("section", { class: "settings-section" });
  const storage = el("section", { class: "settings-section" });
  const keptAttachments = el("section", { class: "settings-section kept-attachments" });
  const deletion = el("section", { class: "settings-section" });
  const dialog = openPanel({
    className: "settings-dialog",
    titleId: "settings-title",
    title: text(locale, "settingsTitle"),
    content: [el("p", { class: "hint" }, text(locale, "settingsLanguageHint")), sessions, storage, keptAttachments, deletion],
    closeLabel: text(locale, "close"),
  });
  const closeThen = (action) => async () => {
    dialog.close();
    await action();
  };
  renderSessions(sessions, locale, closeThen(onAllSessionsEnded));
  renderStorage(storage, locale);
  renderKeptAttachments(keptAttachments, locale);
  renderDeletion(deletion, locale, closeThen(onAccountDeleted));
}
