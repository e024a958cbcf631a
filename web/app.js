// The page: renders state and forwards input to the core worker. Every rule (what a valid
// invite is, what the error says) is decided in core and arrives here as data.
import { startPartaWorker } from "./parta-client.js";
import { text } from "./i18n.js";

const kLocaleKey = "parta.locale";

const state = {
  locale: localStorage.getItem(kLocaleKey) === "en" ? "en" : "ru",
  online: navigator.onLine,
  parta: null,
};

const elements = {
  connection: document.getElementById("connection"),
  inviteInput: document.getElementById("invite-input"),
  inviteResult: document.getElementById("invite-result"),
  startupError: document.getElementById("startup-error"),
  storageWarning: document.getElementById("storage-warning"),
  localeButtons: document.querySelectorAll("[data-locale]"),
};

function renderStaticText() {
  document.documentElement.lang = state.locale;
  for (const node of document.querySelectorAll("[data-text]")) node.textContent = text(state.locale, node.dataset.text);
  for (const button of elements.localeButtons) {
    button.setAttribute("aria-pressed", String(button.dataset.locale === state.locale));
  }
}

function renderConnection() {
  elements.connection.dataset.state = state.online ? "online" : "offline";
  elements.connection.textContent = text(state.locale, state.online ? "online" : "offline");
}

// Links are valid only for the server this app was loaded from.
function allowedInviteHosts() {
  return [location.host];
}

let latestCheck = 0;
async function renderInviteCheck() {
  const input = elements.inviteInput.value;
  const check = ++latestCheck;
  if (input.trim() === "") {
    elements.inviteResult.textContent = "";
    elements.inviteResult.dataset.state = "";
    elements.inviteInput.setAttribute("aria-invalid", "false");
    return;
  }
  const result = await state.parta.parseInviteLink(input, allowedInviteHosts(), state.locale);
  if (check !== latestCheck) return;  // a newer keystroke already answered
  elements.inviteResult.dataset.state = result.ok ? "valid" : "invalid";
  elements.inviteResult.dataset.error = result.ok ? "" : result.error;
  elements.inviteResult.textContent = result.ok ? text(state.locale, "codeValid", result.display) : result.message;
  elements.inviteInput.setAttribute("aria-invalid", String(!result.ok));
}

function setLocale(locale) {
  state.locale = locale;
  localStorage.setItem(kLocaleKey, locale);
  renderStaticText();
  renderConnection();
  if (state.parta) renderInviteCheck();
}

for (const button of elements.localeButtons) button.addEventListener("click", () => setLocale(button.dataset.locale));
window.addEventListener("online", () => { state.online = true; renderConnection(); });
window.addEventListener("offline", () => { state.online = false; renderConnection(); });
elements.inviteInput.addEventListener("input", () => renderInviteCheck());
document.getElementById("join-form").addEventListener("submit", (event) => event.preventDefault());

renderStaticText();
renderConnection();

// Where this browser keeps the store, shown as soon as it is known: in tier 3 nothing
// survives the tab, and whoever relies on reading offline must know that before they do.
// "?storage=memory" (or "indexeddb") forces a tier, as client.open's `storage` does.
async function renderStorageTier() {
  const forced = new URLSearchParams(location.search).get("storage");
  try {
    const { tier } = await state.parta.probeStorage(forced ? { storage: forced } : {});
    document.body.dataset.storageTier = tier;
    elements.storageWarning.hidden = tier !== "memory";
  } catch (error) {
    // No tier could be named: the store's own open will report what fails.
    console.error("Parta storage probe failed", error);
  }
}

try {
  state.parta = await startPartaWorker();
  elements.inviteInput.disabled = false;
  document.body.dataset.ready = "true";
  renderStorageTier();
} catch (error) {
  elements.startupError.textContent = text(state.locale, "startupFailed");
  elements.startupError.hidden = false;
  console.error("Parta worker failed to start", error);
}
