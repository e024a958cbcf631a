// Search over every message on the device (core's FTS: ё and е match, words match by their
// start), shown in place of the chat list. A hit links to its message in its chat.
import { el, fill } from "./dom.js";
import { formatTime } from "./chat-list.js";
import { text } from "../i18n.js";

export const kSearchLimit = 50;

/** Renders `hits` (core's ClientMessage[]) with their chats' titles from `chats`. */
export function renderSearchResults(list, status, { locale, hits, chats }) {
  const titles = new Map(chats.map((chat) => [chat.id, chat.title]));
  status.textContent = hits.length ? text(locale, "searchFound", hits.length) : text(locale, "searchNothing");
  fill(list, hits.map((hit) => el("li", {},
    el("a", { class: "search-hit", href: `#/chats/${hit.chatId}/messages/${hit.id}` },
      el("span", { class: "chat-entry-title" }, titles.get(hit.chatId) ?? ""),
      el("time", { class: "chat-entry-time", datetime: new Date(hit.serverTime).toISOString() }, formatTime(locale, hit.serverTime)),
      el("span", { class: "search-hit-text" }, hit.text)))));
}
