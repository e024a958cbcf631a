// A message's attachments as links that open from the device when they can
// (web/net/attachment-cache.js): a file opened once is kept and marked «сохранено для чтения
// без сети»; one never opened says, offline, that it is not on this device rather than leaving
// the person at a browser's failed download; the server's refusal is said beside the file.
// File names are the sender's words: text nodes only (dom.js).
import { el } from "./dom.js";
import { ApiError, NoAnswer } from "../net/api.js";
import { canKeepAttachments, keptAttachmentIds, onKeptAttachmentsForgotten, openAttachment } from "../net/attachment-cache.js";
import { onlineFailureText } from "./online-failure.js";
import { text } from "../i18n.js";

// Long enough for the browser to have taken the bytes of a download it started from the URL.
const kFileUrlLifetimeMs = 60000;

// Hands the bytes to the browser as a download named as the message names the file.
function saveFile(blob, name) {
  const url = URL.createObjectURL(blob);
  const link = el("a", { href: url, download: name, hidden: true });
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), kFileUrlLifetimeMs);
}

// The mark beside a kept file, after the link's own words.
const keptMark = (locale, kept) => (kept ? ` ${text(locale, "attachmentKept")}` : "");

export class AttachmentLinks {
  #messages;
  #host;
  #kept = new Set();
  // What the last opening of a file said (attachment id → locale → sentence), shown again when
  // the messages are drawn anew; cleared when it opens.
  #notes = new Map();

  /** messages: the element the lists are drawn in; host: {locale()}. */
  constructor(messages, host) {
    this.#messages = messages;
    this.#host = host;
    // Freed in settings, or wiped: no file shown is marked as saved any more. Cleared in place,
    // so the messages are not drawn anew under the person.
    onKeptAttachmentsForgotten(() => {
      this.#kept.clear();
      for (const mark of messages.querySelectorAll(".attachment-kept")) mark.textContent = "";
    });
  }

  /** Reads again which attachments this device keeps; the next list() marks them. */
  async reload() {
    this.#kept = await keptAttachmentIds();
  }

  /** The `<ul>` of a message's attachments. */
  list(locale, attachments) {
    return el("ul", { class: "attachments" }, attachments.map((attachment) => {
      const id = String(attachment.id);
      return el("li", { dataset: { attachmentId: id } },
        el("a", { href: `/api/v1/attachments/${id}`, download: attachment.name,
          onclick: (event) => this.#open(event, attachment) },
        `${text(locale, "attachment")}: ${attachment.name}`),
        el("span", { class: "attachment-kept" }, keptMark(locale, this.#kept.has(id))),
        el("span", { class: "attachment-note", role: "status", "aria-live": "polite" }, this.#notes.get(id)?.(locale) ?? ""));
    }));
  }

  async #open(event, attachment) {
    // Without Cache Storage (not a secure context) the link downloads as it always did.
    if (!canKeepAttachments()) return;
    event.preventDefault();
    const id = String(attachment.id);
    // The file's item as it is on screen now: the messages may be drawn anew while it downloads.
    const shown = (part) => this.#messages.querySelector(`li[data-attachment-id="${id}"] ${part}`);
    const say = (sentence) => {
      if (sentence) this.#notes.set(id, sentence);
      else this.#notes.delete(id);
      const note = shown(".attachment-note");
      if (note) note.textContent = sentence?.(this.#host.locale()) ?? "";
    };
    if (!this.#kept.has(id)) say((locale) => text(locale, "attachmentDownloading"));
    try {
      const { blob, kept } = await openAttachment(id);
      saveFile(blob, attachment.name);
      if (kept) this.#kept.add(id);
      // Marked in place: drawing the messages anew would take the focus off the link.
      const mark = shown(".attachment-kept");
      if (mark) mark.textContent = keptMark(this.#host.locale(), kept);
      say(kept ? null : (locale) => text(locale, "attachmentNotKept"));
    } catch (error) {
      if (!(error instanceof ApiError || error instanceof NoAnswer)) throw error;
      say((locale) => onlineFailureText(locale, error, "attachmentNotOnDevice"));
    }
  }
}
