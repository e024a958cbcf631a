// One open chat: its messages from the local store, history further back as the person
// scrolls up, and the composer. What the person may do comes from core's allowedActions,
// every change goes through core's outbox, and every state shown (sending, sent, not sent and
// why) is the one core reports.
import { el, fill } from "./dom.js";
import { confirmDialog } from "./dialog.js";
import { formatTime } from "./chat-list.js";
import { openMembersPanel } from "./members-panel.js";
import { callApi } from "../net/api.js";
import { onlineFailureText } from "./online-failure.js";
import { loadLinkifier, messageParagraph } from "./message-text.js";
import { ComposerExtras } from "./composer-extras.js";
import { loadOnlineScreen } from "./online-screen.js";
import { AttachmentLinks } from "./attachment-links.js";
import { localized, text } from "../i18n.js";

const kPageSize = 50;
// core's largest page (client.cpp kMaxPageLimit): a re-read of what is shown stays one call.
const kMaxPage = 500;
const kDraftSaveDelayMs = 400;

export class ChatView {
  #parta;
  #elements;
  #host;
  #chatId = null;
  #chat = null;
  // core's inviteRoles for the open chat, when it offers any role.
  #inviteOffer = null;
  #messages = [];
  #people = new Map();
  #actions = [];
  #shownCount = kPageSize;
  #atHistoryStart = false;
  #loadingOlder = false;
  #editing = null;
  #draftTimer = null;
  #renderQueued = null;
  #lastMarkedRead = null;
  // The message a search hit opened the chat at: marked, and kept in focus across re-renders.
  #foundMessageId = null;
  // Invite links found by core in each text shown: text → [{link, code, display}].
  #invitesInText = new Map();
  // A poll and files going with the next new message.
  #extras;
  // The messages' files, marked where this device keeps them for offline reading.
  #attachmentLinks;

  /**
   * host: {locale(), me(), notify(result, where), onRead()} — the page's language, the
   * signed-in account ({userId}), where a core error is shown, and a hook after the read
   * position moved.
   */
  constructor(parta, elements, host) {
    this.#parta = parta;
    this.#elements = elements;
    this.#host = host;
    this.#extras = new ComposerExtras(elements.extras, elements.result, host);
    this.#attachmentLinks = new AttachmentLinks(elements.list, host);
    elements.scroller.addEventListener("scroll", () => this.#onScroll());
    elements.composer.addEventListener("submit", (event) => {
      event.preventDefault();
      this.#submit();
    });
    elements.input.addEventListener("input", () => this.#saveDraftSoon());
    elements.input.addEventListener("keydown", (event) => {
      // Enter sends, Shift+Enter breaks the line, as in every messenger.
      if (event.key === "Enter" && !event.shiftKey && !event.isComposing) {
        event.preventDefault();
        this.#submit();
      }
      if (event.key === "Escape" && this.#editing) this.#stopEditing();
    });
    elements.cancelEdit.addEventListener("click", () => this.#stopEditing());
    elements.inviteButton.addEventListener("click", () => this.#openInvites());
    elements.membersButton.addEventListener("click", () => openMembersPanel({
      parta, locale: host.locale(), chat: this.#chat, people: [...this.#people.values()],
      onWriteDirectly: host.writeDirectly,
    }));
  }

  // Pinning is an online action (docs/protocol.md, "Moderation"): the server's refusal is shown
  // beside the composer, and the pinned copy arrives by sync.
  async #pin(message, pinned) {
    try {
      await callApi("POST", `/api/v1/messages/${message.id}/pin`, { chatId: Number(message.chatId), pinned });
      this.#elements.result.textContent = "";
    } catch (error) {
      this.#elements.result.textContent = onlineFailureText(this.#host.locale(), error);
    }
  }

  // The offer the button was shown for: the server decides the link itself when it is made.
  async #openInvites() {
    if (!this.#inviteOffer) return;
    const screen = await loadOnlineScreen(() => import("./invite-panel.js"), {
      locale: this.#host.locale(), onFailure: (sentence) => { this.#elements.result.textContent = sentence; } });
    screen?.openInvitePanel({ locale: this.#host.locale(), chat: this.#chat, offer: this.#inviteOffer });
  }

  get chatId() {
    return this.#chatId;
  }

  /** focusMessageId: a message to show and focus (a search hit), loading history back to it. */
  async open(chat, { focusMessageId = null } = {}) {
    await this.#flushDraft();
    this.#chatId = chat.id;
    this.#chat = chat;
    this.#shownCount = kPageSize;
    this.#atHistoryStart = false;
    this.#editing = null;
    this.#lastMarkedRead = null;
    this.#foundMessageId = focusMessageId;
    this.#elements.title.textContent = chat.title;
    this.#elements.pane.dataset.kind = chat.kind;
    const [actions, draft] = await Promise.all([
      this.#parta.client.allowedActions(chat.id),
      this.#parta.client.draft(chat.id),
    ]);
    this.#actions = actions.ok ? actions.value : [];
    this.#elements.input.value = draft.ok ? draft.value : "";
    // The invite button is there when the policy lets this person grant some role here.
    const offer = await this.#parta.client.inviteRoles(chat.id);
    if (chat.id === this.#chatId) {
      this.#inviteOffer = offer.ok && offer.value.roles.length > 0 ? offer.value : null;
      this.#elements.inviteButton.hidden = this.#inviteOffer === null;
    }
    this.#renderComposerPermission();
    await this.refresh({ stickToBottom: !focusMessageId });
    if (focusMessageId) await this.#showMessage(focusMessageId);
  }

  async #showMessage(messageId) {
    const wanted = BigInt(messageId);
    // Back through history, a page at a time, until the message is on screen or history ends.
    while (!this.#atHistoryStart && !this.#messages.some((message) => message.id !== null && BigInt(message.id) <= wanted)) {
      const before = this.#messages.length;
      await this.#loadOlder();
      if (this.#messages.length === before) break;
    }
    const item = this.#elements.list.querySelector(".message.found");
    if (!item) return;
    item.scrollIntoView({ block: "center" });
    item.focus();
  }

  // The draft is kept in the store; nothing of the chat stays on the page.
  async close() {
    await this.#flushDraft();
    this.#chatId = null;
    this.#chat = null;
    this.#messages = [];
    this.#editing = null;
    this.#elements.input.value = "";
    this.#elements.title.textContent = "";
    fill(this.#elements.list);
    this.#extras.show(null, []);
  }

  /** Re-reads what is shown (the store changed, or the language). */
  refresh({ stickToBottom = false } = {}) {
    // Changes arrive in bursts (a sync page, then the send's answer): one re-read for all.
    this.#renderQueued ??= Promise.resolve().then(async () => {
      this.#renderQueued = null;
      await this.#reload(stickToBottom);
    });
    return this.#renderQueued;
  }

  async #reload(stickToBottom) {
    const chatId = this.#chatId;
    if (chatId === null) return;
    const [page, people, actions] = await Promise.all([
      this.#parta.client.messages(chatId, { limit: Math.min(this.#shownCount, kMaxPage) }),
      this.#parta.client.people(chatId),
      this.#parta.client.allowedActions(chatId),
    ]);
    if (chatId !== this.#chatId) return;
    if (!page.ok) {
      this.#host.notify(page);
      return;
    }
    await Promise.all([loadLinkifier(), this.#findInvites(page.value), this.#attachmentLinks.reload()]);
    if (people.ok) this.#people = new Map(people.value.map((person) => [person.userId, person]));
    if (actions.ok) {
      this.#actions = actions.value;
      this.#renderComposerPermission();
    }
    const scroller = this.#elements.scroller;
    const atBottom = stickToBottom || scroller.scrollHeight - scroller.scrollTop - scroller.clientHeight < 48;
    const fromBottom = scroller.scrollHeight - scroller.scrollTop;
    this.#messages = page.value;
    if (this.#serverMessageCount() < this.#shownCount) this.#atHistoryStart = true;
    this.#render();
    // Reading at the bottom follows new messages; reading further up stays where it was.
    scroller.scrollTop = atBottom ? scroller.scrollHeight : scroller.scrollHeight - fromBottom;
    if (atBottom) await this.#markRead();
  }

  async #findInvites(messages) {
    // Only texts that may hold a link to this server are put to core.
    const texts = messages.map((message) => message.text)
      .filter((words) => words && !this.#invitesInText.has(words) && /\/join\/|parta:\/\//i.test(words));
    for (const words of new Set(texts)) {
      this.#invitesInText.set(words, await this.#parta.extractInviteLinks(words, [location.host]));
    }
  }

  #serverMessageCount() {
    return this.#messages.filter((message) => message.id !== null).length;
  }

  async #onScroll() {
    const scroller = this.#elements.scroller;
    if (scroller.scrollTop < 200) await this.#loadOlder();
    else if (scroller.scrollHeight - scroller.scrollTop - scroller.clientHeight < 48) await this.#markRead();
  }

  async #loadOlder() {
    if (this.#loadingOlder || this.#atHistoryStart || this.#chatId === null) return;
    const oldest = this.#messages.find((message) => message.id !== null);
    if (!oldest) return;
    this.#loadingOlder = true;
    const chatId = this.#chatId;
    this.#elements.historyStatus.textContent = text(this.#host.locale(), "loadingOlder");
    try {
      const older = await this.#parta.client.messages(chatId, { beforeId: oldest.id, limit: kPageSize });
      if (chatId !== this.#chatId || !older.ok) return;
      if (older.value.length < kPageSize) this.#atHistoryStart = true;
      if (older.value.length === 0) return;
      await this.#findInvites(older.value);
      // Keep the message the person is reading where it is on screen: no jump.
      const scroller = this.#elements.scroller;
      const fromBottom = scroller.scrollHeight - scroller.scrollTop;
      this.#messages = [...older.value, ...this.#messages];
      this.#shownCount = Math.min(this.#serverMessageCount(), kMaxPage);
      this.#render();
      scroller.scrollTop = scroller.scrollHeight - fromBottom;
    } finally {
      this.#loadingOlder = false;
      this.#renderHistoryStatus();
    }
  }

  async #markRead() {
    const newest = [...this.#messages].reverse().find((message) => message.id !== null);
    if (!newest || newest.id === this.#lastMarkedRead || document.visibilityState === "hidden") return;
    this.#lastMarkedRead = newest.id;
    const answer = await this.#parta.client.markRead(this.#chatId, newest.id, Date.now());
    if (answer.ok) this.#host.onRead();
  }

  #can(action) {
    return this.#actions.includes(action);
  }

  #renderComposerPermission() {
    const mayPost = this.#can("post");
    this.#extras.show(this.#chatId, this.#actions);
    this.#elements.composer.hidden = !mayPost;
    this.#elements.absent.hidden = mayPost;
    this.#elements.absent.textContent = mayPost ? "" : text(this.#host.locale(), "readOnlyChat");
  }

  #renderHistoryStatus() {
    this.#elements.historyStatus.textContent =
      this.#atHistoryStart && this.#messages.length > 0 ? text(this.#host.locale(), "historyStart") : "";
  }

  #render() {
    const locale = this.#host.locale();
    this.#renderHistoryStatus();
    this.#elements.sendButton.textContent = text(locale, this.#editing ? "save" : "send");
    this.#elements.editing.hidden = !this.#editing;
    if (this.#messages.length === 0) {
      fill(this.#elements.list, el("li", { class: "hint empty" }, text(locale, "noMessagesYet")));
      return;
    }
    const hadFocus = document.activeElement?.classList.contains("found");
    fill(this.#elements.list, this.#messages.map((message) => this.#messageItem(locale, message)));
    if (hadFocus) this.#elements.list.querySelector(".message.found")?.focus();
  }

  #isMine(message) {
    return Boolean(message.clientId) || message.senderId === this.#host.me().userId;
  }

  #sender(locale, message) {
    const person = this.#people.get(message.senderId);
    const name = person?.name || text(locale, "unknownSender");
    return el("span", { class: "sender" },
      el("span", { class: "sender-name" }, name),
      person?.schoolRole === "teacher" ? el("span", { class: "badge teacher-badge" }, text(locale, "teacherBadge")) : null,
      person && person.chatRole === null ? el("span", { class: "badge former" }, text(locale, "formerMember")) : null);
  }

  #messageItem(locale, message) {
    const mine = this.#isMine(message);
    const key = message.clientId ?? message.id;
    const found = message.id !== null && message.id === this.#foundMessageId;
    return el("li", {
      class: `message${mine ? " mine" : ""}${message.deleted ? " deleted" : ""}${found ? " found" : ""}`,
      tabindex: found ? "-1" : null,
      dataset: { key, delivery: message.delivery, ...(message.id ? { messageId: message.id } : {}) },
    },
    el("div", { class: "message-meta" },
      this.#sender(locale, message),
      el("time", { datetime: new Date(message.serverTime).toISOString() }, formatTime(locale, message.serverTime)),
      message.editedAt && !message.deleted ? el("span", { class: "edited" }, text(locale, "edited")) : null,
      message.pinned ? el("span", { class: "badge pinned" }, `📌 ${text(locale, "pinned")}`) : null),
    message.deleted
      ? el("p", { class: "message-text deleted-text" }, text(locale, "deletedMessage"))
      : messageParagraph(locale, message.text, this.#invitesInText.get(message.text) ?? []),
    message.deleted ? null : this.#attachments(locale, message),
    message.deleted || !message.poll ? null : this.#poll(locale, message),
    mine ? this.#deliveryLine(locale, message) : null,
    this.#messageActions(locale, message, mine));
  }

  #attachments(locale, message) {
    return message.attachments?.length ? this.#attachmentLinks.list(locale, message.attachments) : null;
  }

  #poll(locale, message) {
    const poll = message.poll;
    const total = poll.options.reduce((sum, option) => sum + option.votes, 0);
    const chosen = poll.options.filter((option) => option.chosenByMe).map((option) => option.id);
    const name = `poll-${message.id}`;
    const form = el("form", { class: "poll", onsubmit: (event) => {
      event.preventDefault();
      const picked = [...form.querySelectorAll("input:checked")].map((input) => input.value);
      this.#run(this.#parta.client.votePoll(message.id, picked, Date.now()));
    } },
    el("fieldset", {},
      el("legend", {}, poll.question, poll.multipleChoice ? ` (${text(locale, "pollMultiple")})` : ""),
      poll.options.map((option) => el("label", { class: "poll-option" },
        el("input", { type: poll.multipleChoice ? "checkbox" : "radio", name, value: option.id,
          checked: option.chosenByMe ? true : null, disabled: message.id === null ? true : null }),
        el("span", {}, option.text),
        el("meter", { min: 0, max: Math.max(total, 1), value: option.votes, "aria-hidden": "true" }),
        el("span", { class: "poll-count" }, text(locale, "pollVotes", option.votes))))),
    message.id === null ? null : el("button", { type: "submit", class: "secondary" }, text(locale, "vote")),
    chosen.length && message.id !== null
      ? el("button", { type: "button", class: "link-button",
          onclick: () => this.#run(this.#parta.client.votePoll(message.id, [], Date.now())) }, text(locale, "withdrawVote"))
      : null);
    return form;
  }

  #deliveryLine(locale, message) {
    const change = message.change;
    if (change && change.delivery === "failed") {
      return el("p", { class: "delivery failed", role: "status" },
        `${text(locale, "changeFailed")}: ${localized(locale, change.failureMessage)}`);
    }
    if (change && change.delivery === "sending") {
      return el("p", { class: "delivery sending" }, text(locale, "changeSending"));
    }
    if (message.delivery === "failed") {
      return el("p", { class: "delivery failed", role: "status" },
        `${text(locale, "notSent")}: ${localized(locale, message.failureMessage)}`);
    }
    const sending = message.delivery === "sending";
    return el("p", { class: `delivery ${sending ? "sending" : "sent"}` }, text(locale, sending ? "sending" : "sent"));
  }

  #messageActions(locale, message, mine) {
    const buttons = [];
    const button = (key, onclick, kind = "link-button") => el("button", { type: "button", class: kind, onclick }, text(locale, key));
    const unsent = message.id === null ? message.clientId : null;
    const failedChange = message.change?.delivery === "failed" ? message.change.clientId : null;
    if (unsent && message.delivery === "failed") {
      buttons.push(button("retry", () => this.#run(this.#parta.client.retryUnsent(unsent, Date.now()))));
    }
    if (unsent) {
      buttons.push(button("edit", () => this.#startEditing(message)));
      buttons.push(button("discard", () => this.#run(this.#parta.client.discardUnsent(unsent))));
    }
    if (failedChange) {
      buttons.push(button("retry", () => this.#run(this.#parta.client.retryUnsent(failedChange, Date.now()))));
      buttons.push(button("discard", () => this.#run(this.#parta.client.discardUnsent(failedChange))));
    }
    if (message.id !== null && !message.deleted && !failedChange) {
      if (mine && this.#can("edit_own")) buttons.push(button("edit", () => this.#startEditing(message)));
      if ((mine && this.#can("delete_own")) || this.#can("delete_any")) {
        buttons.push(button("deleteMessage", () => this.#confirmDelete(message)));
      }
      if (this.#can("pin")) buttons.push(button(message.pinned ? "unpin" : "pin", () => this.#pin(message, !message.pinned)));
    }
    return buttons.length ? el("div", { class: "message-actions" }, buttons) : null;
  }

  async #confirmDelete(message) {
    const locale = this.#host.locale();
    const confirmed = await confirmDialog({
      title: text(locale, "deleteTitle"),
      lines: [text(locale, "deleteExplained")],
      confirm: text(locale, "deleteMessage"),
      cancel: text(locale, "cancel"),
    });
    if (confirmed) await this.#run(this.#parta.client.deleteMessage(message.id, Date.now()));
  }

  #startEditing(message) {
    this.#editing = message.id !== null ? { messageId: message.id } : { clientId: message.clientId };
    this.#elements.input.value = message.text;
    this.#render();
    this.#elements.input.focus();
  }

  #stopEditing() {
    this.#editing = null;
    this.#elements.input.value = "";
    this.#render();
    this.#parta.client.draft(this.#chatId).then((draft) => {
      if (draft.ok && !this.#editing) this.#elements.input.value = draft.value;
    });
  }

  async #run(call) {
    const answer = await call;
    if (!answer.ok) this.#host.notify(answer, this.#elements.result);
    else this.#elements.result.textContent = "";
    return answer;
  }

  async #submit() {
    const input = this.#elements.input;
    const chatId = this.#chatId;
    const words = input.value;
    const editing = this.#editing;
    if (!editing && this.#extras.uploading) {
      this.#elements.result.textContent = text(this.#host.locale(), "fileStillUploading");
      return;
    }
    // The words are taken at once: what the person types while core queues them is the next
    // message, and must not be wiped when this one is done.
    input.value = "";
    clearTimeout(this.#draftTimer);
    let answer;
    if (editing?.messageId) answer = await this.#run(this.#parta.client.editMessage(editing.messageId, words, Date.now()));
    else if (editing?.clientId) answer = await this.#run(this.#parta.client.editUnsent(editing.clientId, words, Date.now()));
    else {
      const details = this.#extras.details();
      const written = words.trim() === "" && details ? this.#extras.fallbackText() : words;
      answer = await this.#run(this.#parta.client.enqueue(chatId, written, null, details, Date.now()));
      if (answer.ok) this.#extras.clear();
    }
    if (!answer.ok) {
      // Not taken (the sentence is shown): the words come back, unless the person typed on.
      if (input.value === "") input.value = words;
      return;
    }
    if (this.#editing === editing) this.#editing = null;
    if (!editing) await this.#parta.client.setDraft(chatId, input.value);
    await this.refresh({ stickToBottom: true });
    input.focus();
  }

  #saveDraftSoon() {
    if (this.#editing) return;
    clearTimeout(this.#draftTimer);
    this.#draftTimer = setTimeout(() => this.#flushDraft(), kDraftSaveDelayMs);
  }

  async #flushDraft() {
    clearTimeout(this.#draftTimer);
    if (this.#chatId === null || this.#editing) return;
    const answer = await this.#parta.client.setDraft(this.#chatId, this.#elements.input.value);
    if (!answer.ok) this.#host.notify(answer, this.#elements.result);
  }
}
