// The chat list: core's chats() grouped as the school sees them, with unread counts, the last
// message or the draft. Rendering only: which chats a person has is what sync brought.
import { el, fill } from "./dom.js";
import { text } from "../i18n.js";

// The groups in the order a person looks for them, by chat kind (docs/permissions.md).
const kGroups = [
  { key: "groupSchool", kinds: ["school_channel", "staff_channel"] },
  { key: "groupClasses", kinds: ["class_chat", "parents_chat", "class_teachers_chat"] },
  { key: "groupSubjects", kinds: ["subject_chat"] },
  { key: "groupManagement", kinds: ["teachers_room", "management_chat"] },
  { key: "groupDirect", kinds: ["direct"] },
];

export function formatTime(locale, ms) {
  const date = new Date(ms);
  const today = new Date();
  const sameDay = date.toDateString() === today.toDateString();
  return date.toLocaleString(locale === "en" ? "en-GB" : "ru-RU",
    sameDay ? { hour: "2-digit", minute: "2-digit" } : { day: "numeric", month: "short" });
}

function preview(locale, chat) {
  if (chat.draft) return text(locale, "draftPrefix") + chat.draft;
  const last = chat.lastMessage;
  if (!last) return text(locale, "noMessagesYet");
  if (last.deleted) return text(locale, "deletedMessage");
  if (last.poll) return `📊 ${last.poll.question}`;
  return last.text;
}

function chatEntry(locale, chat, openChatId, onOpen) {
  const unread = chat.unreadCount > 0
    ? el("span", { class: "unread", "aria-label": text(locale, "unread", chat.unreadCount) }, String(chat.unreadCount))
    : null;
  const last = chat.lastMessage;
  return el("li", {},
    el("a", {
      class: "chat-entry",
      href: `#/chats/${chat.id}`,
      dataset: { chatId: chat.id, kind: chat.kind },
      "aria-current": chat.id === openChatId ? "page" : null,
      onclick: (event) => { event.preventDefault(); onOpen(chat.id); },
    },
    el("span", { class: "chat-entry-title" }, chat.title),
    last ? el("time", { class: "chat-entry-time", datetime: new Date(last.serverTime).toISOString() },
      formatTime(locale, last.serverTime)) : null,
    el("span", { class: `chat-entry-preview${chat.draft ? " draft" : ""}` }, preview(locale, chat)),
    unread));
}

/** Renders `chats` (core's ClientChat[]) into `container`. */
export function renderChatList(container, empty, { locale, chats, openChatId, onOpen }) {
  empty.hidden = chats.length > 0;
  const sections = [];
  for (const group of kGroups) {
    const members = chats.filter((chat) => group.kinds.includes(chat.kind));
    if (members.length === 0) continue;
    const headingId = `group-${group.key}`;
    sections.push(el("section", { class: "chat-group", "aria-labelledby": headingId },
      el("h3", { id: headingId, class: "chat-group-title" }, text(locale, group.key)),
      el("ul", { class: "chat-entries" }, members.map((chat) => chatEntry(locale, chat, openChatId, onOpen)))));
  }
  fill(container, sections);
}
