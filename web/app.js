// The page: starts the core worker, signs in, and shows the screens. It renders state and
// forwards input; every rule (what a valid invite is, who may write where, what an error
// says) is decided in core or by the server and arrives here as data.
import { startPartaWorker } from "./parta-client.js";
import { loadLocale, localized, text } from "./i18n.js";
import { ApiError, callApi, NoAnswer } from "./net/api.js";
import { Transport } from "./net/transport.js";
import { renderChatList } from "./ui/chat-list.js";
import { kSearchLimit, renderSearchResults } from "./ui/search-results.js";
import { ChatView } from "./ui/chat-view.js";
import { confirmDialog } from "./ui/dialog.js";
import { renderJoinCard } from "./ui/join-card.js";
import { renderJoinRequests } from "./ui/join-requests.js";
import { openSettingsPanel } from "./ui/settings-panel.js";
import { forgetKeptAttachments } from "./net/attachment-cache.js";
import { loadOnlineScreen } from "./ui/online-screen.js";

const kLocaleKey = "parta.locale";
// The signed-in person ({userId, name, role}), so that a start with no network opens their
// store. Removed at sign-out with the store itself.
const kAccountKey = "parta.account";

const state = {
  locale: localStorage.getItem(kLocaleKey) === "en" ? "en" : "ru",
  browserOnline: navigator.onLine,
  parta: null,
  account: readAccount(),
  transport: null,
  chats: [],
  notice: null,
  chatsToCreate: [],  // core's answers, shown as the list's buttons
  schoolActions: [],
  chatToOpen: null,  // a chat just created, opened when sync brings it
};

const byId = (id) => document.getElementById(id);
const elements = {
  connection: byId("connection"),
  inviteInput: byId("invite-input"),
  inviteResult: byId("invite-result"),
  startupError: byId("startup-error"),
  storageWarning: byId("storage-warning"),
  notice: byId("notice"),
  localeButtons: document.querySelectorAll("[data-locale]"),
  signInScreen: byId("sign-in-screen"),
  signInForm: byId("sign-in-form"),
  login: byId("login-input"),
  password: byId("password-input"),
  signInResult: byId("sign-in-result"),
  signInButton: byId("sign-in-button"),
  chatsScreen: byId("chats-screen"),
  chatList: byId("chat-list"),
  chatListEmpty: byId("chat-list-empty"),
  chatPane: byId("chat-pane"),
  account: byId("account"),
  accountName: byId("account-name"),
  signOut: byId("sign-out"),
  main: byId("main"),
};

function readAccount() {
  try {
    const account = JSON.parse(localStorage.getItem(kAccountKey) ?? "null");
    return typeof account?.userId === "string" ? account : null;
  } catch {
    return null;
  }
}

const databaseNameOf = (account) => `parta-user-${account.userId}`;

// --- Rendering.

function renderStaticText() {
  document.documentElement.lang = state.locale;
  for (const node of document.querySelectorAll("[data-text]")) node.textContent = text(state.locale, node.dataset.text);
  for (const node of document.querySelectorAll("[data-placeholder]")) node.placeholder = text(state.locale, node.dataset.placeholder);
  for (const button of elements.localeButtons) {
    button.setAttribute("aria-pressed", String(button.dataset.locale === state.locale));
  }
}

// Offline when the browser says so, or when the server stopped answering our requests.
function renderConnection() {
  const serverAnswers = state.transport?.reachable ?? true;
  const online = state.browserOnline && serverAnswers;
  elements.connection.dataset.state = online ? "online" : "offline";
  elements.connection.textContent = text(state.locale, online ? "online" : state.browserOnline ? "serverUnreachable" : "offline");
}

function renderNotice() {
  elements.notice.hidden = !state.notice;
  elements.notice.textContent = state.notice ? state.notice() : "";
}

/** Shows a core or server error: in `where` (a status line) when given, else as the page notice. */
function notify(answer, where = null) {
  let sentence;
  if (answer?.error === "STORAGE_FULL") sentence = () => text(state.locale, "storageFull");
  else if (answer?.name === "StoreBusy") sentence = () => text(state.locale, "storeBusy");
  else if (answer?.message) sentence = () => localized(state.locale, answer.message);
  else sentence = () => String(answer?.error ?? answer);
  if (where) {
    where.textContent = sentence();
    return;
  }
  state.notice = sentence;
  renderNotice();
}

// A screen of online actions, loaded when first opened (ui/online-screen.js); a failure is
// said in the notice.
const onlineScreen = (load) => loadOnlineScreen(load, {
  locale: state.locale,
  onFailure: (sentence) => {
    state.notice = () => sentence;
    renderNotice();
  },
});

function showScreen(name) {
  elements.signInScreen.hidden = name !== "sign-in";
  elements.chatsScreen.hidden = name !== "chats";
  elements.account.hidden = name !== "chats";
  elements.accountName.textContent = state.account?.name ?? "";
}

// --- The join box (invite codes checked by core's checksum before any request).

const allowedInviteHosts = () => [location.host];

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
  // Only a code core's checksum accepts is ever sent to the server.
  const preview = byId("join-preview");
  if (result.ok && !joinHost.signedIn()) await renderJoinCard(preview, result.code, joinHost);
  else preview.hidden = true;
}

// The code of a /join/<code> address, when it is one core accepts.
async function codeInAddress() {
  if (!location.pathname.startsWith("/join/")) return null;
  const result = await state.parta.parseInviteLink(location.href, allowedInviteHosts(), state.locale);
  return result.ok ? result.code : null;
}

const joinHost = {
  locale: () => state.locale,
  signedIn: () => state.account !== null && state.transport !== null,
  async joined(answer) {
    if (answer.joinRequest) {
      state.notice = () => text(state.locale, "joinRequested");
      renderNotice();
    }
    if (joinHost.signedIn()) {
      // Joined with the account already here: the new chats come by the next sync.
      byId("join-signed-in").hidden = true;
      history.replaceState(null, "", "/");
      await state.transport.networkMayBeBack();
      return;
    }
    // A new account, signed in by the accept answer's cookie.
    history.replaceState(null, "", "/");
    await startSession(answer.user);
  },
};

// --- Chats.

let chatView = null;

async function renderChats() {
  const answer = await state.parta.client.chats();
  if (!answer.ok) {
    notify(answer);
    return;
  }
  state.chats = answer.value;
  renderChatList(elements.chatList, elements.chatListEmpty, {
    locale: state.locale,
    chats: state.chats,
    openChatId: chatView?.chatId ?? null,
    onOpen: (chatId) => { location.hash = `#/chats/${chatId}`; },
  });
  if (state.chatToOpen && state.chats.some((chat) => chat.id === state.chatToOpen)) {
    location.hash = `#/chats/${state.chatToOpen}`;
    state.chatToOpen = null;
  }
  await renderOffers();
}

// What the person may start from the list: core's chatsToCreate and schoolActions, re-read
// with the list, since a synced profile (a new class, a confirmed status) changes them.
async function renderOffers() {
  const [creatable, school] = await Promise.all([state.parta.client.chatsToCreate(), state.parta.client.schoolActions()]);
  state.chatsToCreate = creatable.ok ? creatable.value : [];
  state.schoolActions = school.ok ? school.value : [];
  byId("new-chat-button").hidden = state.chatsToCreate.length === 0;
  byId("school-button").hidden = state.schoolActions.length === 0;
}

// A chat the server just created (or found) for this person: opened as soon as sync brings it.
function openWhenSynced(chatId) {
  state.chatToOpen = chatId;
  if (state.chats.some((chat) => chat.id === chatId)) renderChats();
  state.transport?.kick();
}

// "#/chats/<id>" opens a chat; "#/chats/<id>/messages/<messageId>" opens it at that message.
function placeInHash() {
  const match = /^#\/chats\/(\d+)(?:\/messages\/(\d+))?$/.exec(location.hash);
  return match ? { chatId: match[1], messageId: match[2] ?? null } : { chatId: null, messageId: null };
}

async function followHash() {
  if (!state.account || !chatView) return;
  const { chatId, messageId } = placeInHash();
  const chat = state.chats.find((candidate) => candidate.id === chatId);
  if (!chat) {
    await chatView.close();
    elements.chatsScreen.dataset.open = "list";
    elements.chatPane.hidden = true;
    await renderChats();
    return;
  }
  elements.chatPane.hidden = false;
  elements.chatsScreen.dataset.open = "chat";
  await chatView.open(chat, { focusMessageId: messageId });
  await renderChats();
  if (!messageId) byId("chat-title").focus();
}

// --- Search, offline over the local store.

let latestSearch = 0;
async function renderSearch() {
  const query = byId("search-input").value.trim();
  const search = ++latestSearch;
  const results = byId("search-results");
  const searching = query !== "";
  results.hidden = !searching;
  elements.chatList.hidden = searching;
  if (!searching) {
    byId("search-status").textContent = "";
    return;
  }
  const answer = await state.parta.client.search(query, { limit: kSearchLimit });
  if (search !== latestSearch) return;  // a newer keystroke already answered
  if (!answer.ok) {
    notify(answer, byId("search-status"));
    return;
  }
  renderSearchResults(results, byId("search-status"), { locale: state.locale, hits: answer.value, chats: state.chats });
}

// --- Join requests the person may decide (an online list, re-read at most this often).

const kJoinRequestsRefreshMs = 20000;
const joinRequests = { mayDecide: true, readAt: 0, chatCount: 0 };

async function refreshJoinRequests({ force = false } = {}) {
  if (!state.account || !joinRequests.mayDecide) return;
  // New chats may hold the students a parent's request is approved with: read again then.
  const chatsChanged = state.chats.length !== joinRequests.chatCount;
  if (!force && !chatsChanged && Date.now() - joinRequests.readAt < kJoinRequestsRefreshMs) return;
  joinRequests.readAt = Date.now();
  joinRequests.chatCount = state.chats.length;
  joinRequests.mayDecide = await renderJoinRequests(byId("join-requests"), {
    parta: state.parta, locale: state.locale, chats: state.chats,
  });
}

let refreshQueued = false;
function refreshAfterChange() {
  if (refreshQueued || !state.account) return;
  refreshQueued = true;
  requestAnimationFrame(async () => {
    refreshQueued = false;
    await renderChats();
    refreshJoinRequests();
    if (byId("search-input").value.trim()) await renderSearch();
    if (chatView?.chatId) {
      if (!state.chats.some((chat) => chat.id === chatView.chatId)) await followHash();
      else await chatView.refresh();
    }
  });
}

// --- Sessions.

async function openAccount(account) {
  let opened;
  try {
    opened = await state.parta.client.open({ databaseName: databaseNameOf(account) });
  } catch (error) {
    // Another tab or window holds the files and will not let go: say so, and try again
    // when the person asks (a reload), rather than fail the whole page.
    if (error?.name !== "StoreBusy" && error?.name !== "OwnerUnreachable") throw error;
    notify({ name: "StoreBusy" });
    return;
  }
  document.body.dataset.storageTier = opened.tier;
  elements.storageWarning.hidden = opened.tier !== "memory";
  // A refused persist(): the browser may evict the store under pressure. Reading goes on;
  // the person learns it here and in settings.
  byId("storage-hint").hidden = !(opened.tier !== "memory" && opened.persistent === false);
  state.account = account;
  // One view for the page's one chat pane: it listens on the pane's elements, so a second one
  // after a session ended would also send what the next person writes, into the chat the
  // previous person had open.
  chatView ??= new ChatView(state.parta, {
    pane: elements.chatPane,
    title: byId("chat-title"),
    scroller: byId("message-scroller"),
    historyStatus: byId("history-status"),
    list: byId("message-list"),
    composer: byId("composer"),
    input: byId("composer-input"),
    sendButton: byId("send-button"),
    result: byId("composer-result"),
    editing: byId("composer-editing"),
    cancelEdit: byId("cancel-edit"),
    absent: byId("composer-absent"),
    extras: byId("composer-extras"),
    inviteButton: byId("invite-button"),
    membersButton: byId("members-button"),
  }, {
    locale: () => state.locale,
    me: () => state.account,
    notify,
    writeDirectly: async (person) => {
      const screen = await onlineScreen(() => import("./ui/new-chat-panel.js"));
      if (screen) openWhenSynced(await screen.startDirectChat({ myName: state.account.name, person }));
    },
    onRead: () => refreshAfterChange(),
  });
  state.transport = new Transport(state.parta.client, {
    onReachable: () => renderConnection(),
    onSignedOut: () => sessionEnded(),
    onError: (answer) => notify(answer),
  });
  showScreen("chats");
  await renderChats();
  joinRequests.mayDecide = true;
  refreshJoinRequests({ force: true });
  await followHash();
  state.transport.start();
  document.body.dataset.screen = "chats";
}

// No chat stays open, on screen or in the address, for whoever signs in next.
async function closeChats() {
  await chatView?.close();
  elements.chatPane.hidden = true;
  elements.chatsScreen.dataset.open = "list";
  history.replaceState(null, "", "/");
}

// The server no longer knows the session: the store stays (the same person signs in again,
// and what they wrote offline goes then); sign-in shows why.
async function sessionEnded() {
  state.transport?.stop();
  state.transport = null;
  await closeChats();
  renderConnection();
  showScreen("sign-in");
  document.body.dataset.screen = "sign-in";
  elements.signInResult.textContent = text(state.locale, "sessionEnded");
  elements.login.focus();
}

// The store of whoever was signed in here before, when someone else signs in.
async function wipeStoreOf(account) {
  await state.parta.client.open({ databaseName: databaseNameOf(account) });
  await state.parta.client.wipe();
  await state.parta.client.close();
}

// After sign-in (or an account made by joining): this person's store, wiping whoever's was here.
async function startSession(user) {
  const account = { userId: String(user.id), name: user.name, role: user.role };
  if (state.account && state.account.userId !== account.userId) await wipeStoreOf(state.account);
  // The files kept for offline reading carry no owner: unless the same person signs in again,
  // they go, also when no account was remembered (a sign-out cut short).
  if (state.account?.userId !== account.userId) await forgetKeptAttachments();
  localStorage.setItem(kAccountKey, JSON.stringify(account));
  byId("join-preview").hidden = true;
  elements.inviteInput.value = "";
  await openAccount(account);
}

async function signIn(event) {
  event.preventDefault();
  const login = elements.login.value.trim();
  const password = elements.password.value;
  if (!login || !password) {
    elements.signInResult.textContent = text(state.locale, "signInNeedsBoth");
    return;
  }
  elements.signInButton.disabled = true;
  elements.signInResult.textContent = text(state.locale, "signingIn");
  try {
    const { user } = await callApi("POST", "/api/v1/session", { login, password });
    elements.password.value = "";
    elements.signInResult.textContent = "";
    await startSession(user);
  } catch (error) {
    if (error instanceof ApiError) elements.signInResult.textContent = localized(state.locale, error.serverMessage) || error.code;
    else if (error instanceof NoAnswer) elements.signInResult.textContent = text(state.locale, "signInNoNetwork");
    else throw error;
  } finally {
    elements.signInButton.disabled = false;
  }
}

async function signOut() {
  const outbox = await state.parta.client.outbox();
  const unsent = outbox.ok ? outbox.value.filter((item) => item.kind === "message" && item.state !== "accepted").length : 0;
  const confirmed = await confirmDialog({
    title: text(state.locale, "signOutTitle"),
    lines: [text(state.locale, "signOutExplained"), unsent ? text(state.locale, "signOutUnsent", unsent) : null],
    confirm: text(state.locale, "signOutConfirm"),
    cancel: text(state.locale, "cancel"),
  });
  if (!confirmed) return;
  // Ended on the server when it can be reached; the store goes either way.
  await leaveDevice({ endSession: true });
}

// Nothing of the person stays on this device: the store wiped, the files kept for offline
// reading deleted, the account forgotten.
async function leaveDevice({ endSession }) {
  state.transport?.stop();
  state.transport = null;
  if (endSession) await callApi("DELETE", "/api/v1/session").catch(() => {});
  await closeChats();
  const wiped = await state.parta.client.wipe();
  if (!wiped.ok) notify(wiped);
  await state.parta.client.close();
  await forgetKeptAttachments();
  localStorage.removeItem(kAccountKey);
  byId("storage-hint").hidden = true;
  byId("join-requests").hidden = true;
  byId("search-input").value = "";
  await renderSearch();
  state.account = null;
  state.chats = [];
  renderConnection();
  showScreen("sign-in");
  document.body.dataset.screen = "sign-in";
  elements.login.focus();
}

// --- The app shell's service worker (web/sw.js).

// A new version installs beside the running one and waits; it takes over only when the person
// says so, and the page then reloads under it: never a silent swap under an open database.
async function registerServiceWorker() {
  if (!("serviceWorker" in navigator)) return;
  let updateRequested = false;
  navigator.serviceWorker.addEventListener("controllerchange", () => {
    if (updateRequested) location.reload();
  });
  let registration;
  try {
    registration = await navigator.serviceWorker.register("/sw.js", { scope: "/", updateViaCache: "none" });
  } catch (error) {
    // No network on a first visit, or a browser that refuses workers: the page works without.
    console.warn("Parta service worker not registered", error);
    return;
  }
  const offer = () => {
    const waiting = registration.waiting;
    if (!waiting || !navigator.serviceWorker.controller) return;
    byId("update").hidden = false;
    byId("update-button").onclick = () => {
      updateRequested = true;
      waiting.postMessage({ type: "activate-new-version" });
    };
  };
  offer();
  registration.addEventListener("updatefound", () => {
    const installing = registration.installing;
    installing?.addEventListener("statechange", () => {
      if (installing.state === "installed") offer();
    });
  });
}

// --- Wiring.

// The language last chosen: a choice made while an earlier one still loads wins.
let chosenLocale = state.locale;

async function setLocale(locale) {
  chosenLocale = locale;
  await loadLocale(locale).catch((error) => console.warn("Parta language not loaded", error));
  if (chosenLocale !== locale) return;
  state.locale = locale;
  localStorage.setItem(kLocaleKey, locale);
  renderStaticText();
  renderConnection();
  renderNotice();
  if (state.parta) renderInviteCheck();
  refreshJoinRequests({ force: true });
  refreshAfterChange();
}

for (const button of elements.localeButtons) button.addEventListener("click", () => setLocale(button.dataset.locale));
window.addEventListener("online", () => {
  state.browserOnline = true;
  renderConnection();
  state.transport?.networkMayBeBack();
});
window.addEventListener("offline", () => { state.browserOnline = false; renderConnection(); });
window.addEventListener("hashchange", () => followHash());
elements.inviteInput.addEventListener("input", () => renderInviteCheck());
byId("join-form").addEventListener("submit", (event) => event.preventDefault());
elements.signInForm.addEventListener("submit", signIn);
byId("search-input").addEventListener("input", () => renderSearch());
byId("search-form").addEventListener("submit", (event) => event.preventDefault());
elements.signOut.addEventListener("click", signOut);
byId("settings-button").addEventListener("click", () => openSettingsPanel({
  locale: state.locale,
  // Every session ended, this one too: sign in again; the store stays for the same person.
  onAllSessionsEnded: async () => sessionEnded(),
  // The account is gone on the server: nothing of it stays here either.
  onAccountDeleted: async () => leaveDevice({ endSession: false }),
}));
byId("back-to-list").addEventListener("click", () => { location.hash = "#/chats"; });
byId("new-chat-button").addEventListener("click", async () => (await onlineScreen(() => import("./ui/new-chat-panel.js")))?.openNewChatPanel({
  locale: state.locale,
  offered: state.chatsToCreate,
  onCreated: async (chatId) => openWhenSynced(chatId),
}));
byId("school-button").addEventListener("click", async () => (await onlineScreen(() => import("./ui/school-panel.js")))?.openSchoolPanel({
  parta: state.parta, locale: state.locale, actions: state.schoolActions,
}));

// Before anything is drawn; should English not load (no network, no worker yet), the words show
// in Russian, which is always here.
await loadLocale(state.locale).catch((error) => console.warn("Parta language not loaded", error));
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
  // Handing out a request, or hearing that one got no answer, changes nothing a screen shows.
  const kUnseenChanges = new Set(["client.nextRequest", "client.onSyncFailed", "client.reconnected"]);
  state.parta.onChange(({ method }) => {
    if (kUnseenChanges.has(method)) return;
    refreshAfterChange();
    // Whatever was written (here or in another tab) may be due to send now.
    state.transport?.kick();
  });
  elements.inviteInput.disabled = false;
  const joinCode = await codeInAddress();
  if (state.account) {
    await openAccount(state.account);
    if (joinCode) await renderJoinCard(byId("join-signed-in"), joinCode, joinHost);
  } else {
    if (joinCode) {
      // Arrived by an invite link: what it joins comes first, signing in second.
      elements.signInScreen.dataset.joining = "true";
      elements.inviteInput.value = joinCode;
      renderInviteCheck();
    }
    showScreen("sign-in");
    document.body.dataset.screen = "sign-in";
    await renderStorageTier();
  }
  document.body.dataset.ready = "true";
} catch (error) {
  elements.startupError.textContent = text(state.locale, "startupFailed");
  elements.startupError.hidden = false;
  console.error("Parta worker failed to start", error);
}
// Only now: what the worker installs must not compete with what the first screen needs, on a
// slow connection above all. The files the page has loaded come back as 304s (web/sw.js).
registerServiceWorker();
