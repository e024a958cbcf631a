// What a new message may carry besides its text: a poll to ask (post_poll) and files
// (attach_file), each offered only where core's allowedActions names it. A file is uploaded
// at once, online (docs/protocol.md, "Attachments"), and the message that carries it then goes
// through core's outbox like any other; the poll goes with the message, offline too. Core
// checks the poll's limits and the policy when the message is queued.
import { el, fill } from "./dom.js";
import { uploadFile } from "../net/api.js";
import { onlineFailureText } from "./online-failure.js";
import { text } from "../i18n.js";

const kStartingOptions = 2;

const kilobytes = (bytes) => Math.max(1, Math.round(bytes / 1024));

export class ComposerExtras {
  #container;
  #status;
  #host;
  #chatId = null;
  #actions = [];
  #pollOpen = false;
  #options = [];
  #question = "";
  #multipleChoice = false;
  #uploads = [];  // [{name, sizeBytes, state: "uploading" | "ready", attachment?}]

  /** host: {locale()}; `status` is where an upload's failure is said. */
  constructor(container, status, host) {
    this.#container = container;
    this.#status = status;
    this.#host = host;
  }

  /** The open chat and core's allowedActions for it; a new chat starts with nothing attached. */
  show(chatId, actions) {
    const offered = (list) => ["post_poll", "attach_file"].filter((action) => list.includes(action)).join();
    // Redrawn only when something it shows changed: a sync arriving while the person types
    // a poll must not take the focus away.
    const changed = chatId !== this.#chatId || offered(actions) !== offered(this.#actions);
    if (chatId !== this.#chatId) this.clear();
    this.#chatId = chatId;
    this.#actions = actions;
    if (changed) this.#render();
  }

  clear() {
    this.#pollOpen = false;
    this.#options = [];
    this.#question = "";
    this.#multipleChoice = false;
    this.#uploads = [];
    this.#render();
  }

  /** Whether a file is still on its way to the server: the message waits for it. */
  get uploading() {
    return this.#uploads.some((upload) => upload.state === "uploading");
  }

  /** core's enqueue `details`, or null when the message carries nothing else. */
  details() {
    const details = {};
    if (this.#pollOpen) {
      details.poll = { question: this.#question.trim(), multipleChoice: this.#multipleChoice,
        options: this.#options.map((option) => option.trim()).filter((option) => option !== "") };
    }
    const ready = this.#uploads.filter((upload) => upload.state === "ready").map((upload) => upload.attachment);
    if (ready.length > 0) details.attachments = ready;
    return Object.keys(details).length > 0 ? details : null;
  }

  /** The words a message carries when the person wrote none: the question, or the files' names. */
  fallbackText() {
    if (this.#pollOpen && this.#question.trim() !== "") return this.#question.trim();
    return this.#uploads.filter((upload) => upload.state === "ready").map((upload) => upload.name).join(", ");
  }

  #render() {
    const locale = this.#host.locale();
    const mayPoll = this.#actions.includes("post_poll");
    const mayAttach = this.#actions.includes("attach_file");
    if (!mayPoll) this.#pollOpen = false;
    const buttons = el("div", { class: "composer-extra-buttons" },
      mayPoll ? el("button", { type: "button", class: "secondary", "aria-expanded": String(this.#pollOpen),
        onclick: () => this.#togglePoll() }, text(locale, this.#pollOpen ? "pollRemove" : "pollAdd")) : null,
      mayAttach ? el("label", { class: "secondary file-button" }, text(locale, "fileAdd"),
        el("input", { id: "file-input", type: "file", multiple: true, class: "visually-hidden",
          onchange: (event) => this.#upload([...event.target.files]) })) : null);
    fill(this.#container,
      mayPoll || mayAttach ? buttons : null,
      this.#pollOpen ? this.#pollEditor(locale) : null,
      this.#uploads.length > 0 ? this.#uploadList(locale) : null);
  }

  #togglePoll() {
    this.#pollOpen = !this.#pollOpen;
    if (this.#pollOpen && this.#options.length === 0) this.#options = Array(kStartingOptions).fill("");
    this.#render();
    if (this.#pollOpen) this.#container.querySelector("#poll-question")?.focus();
  }

  #pollEditor(locale) {
    const question = el("input", { id: "poll-question", type: "text", maxlength: 4096, autocomplete: "off", value: this.#question,
      oninput: (event) => { this.#question = event.target.value; } });
    const options = this.#options.map((value, index) => {
      const id = `poll-option-${index}`;
      return el("div", { class: "poll-editor-option" },
        el("label", { for: id }, text(locale, "pollOptionLabel", index + 1)),
        el("input", { id, type: "text", maxlength: 256, autocomplete: "off", value,
          oninput: (event) => { this.#options[index] = event.target.value; } }));
    });
    return el("fieldset", { class: "poll-editor" },
      el("legend", {}, text(locale, "pollEditorTitle")),
      el("label", { for: "poll-question" }, text(locale, "pollQuestionLabel")), question,
      options,
      el("button", { type: "button", class: "link-button", onclick: () => {
        this.#options.push("");
        this.#render();
        this.#container.querySelector(`#poll-option-${this.#options.length - 1}`)?.focus();
      } }, text(locale, "pollAddOption")),
      el("label", { class: "poll-editor-multiple" },
        el("input", { type: "checkbox", checked: this.#multipleChoice ? true : null,
          onchange: (event) => { this.#multipleChoice = event.target.checked; } }),
        text(locale, "pollMultipleLabel")));
  }

  #uploadList(locale) {
    return el("ul", { class: "upload-list", "aria-label": text(locale, "uploadsLabel") }, this.#uploads.map((upload) =>
      el("li", { dataset: { state: upload.state } },
        `${upload.name} (${text(locale, "fileSize", kilobytes(upload.sizeBytes))})`,
        upload.state === "uploading" ? el("span", { class: "hint" }, ` — ${text(locale, "fileUploading")}`) : null,
        upload.state === "ready" ? el("button", { type: "button", class: "link-button",
          "aria-label": text(locale, "fileRemoveOf", upload.name),
          onclick: () => {
            this.#uploads = this.#uploads.filter((other) => other !== upload);
            this.#render();
          } }, text(locale, "fileRemove")) : null)));
  }

  async #upload(files) {
    const chatId = this.#chatId;
    const locale = this.#host.locale();
    this.#status.textContent = "";
    await Promise.all(files.map(async (file) => {
      const upload = { name: file.name, sizeBytes: file.size, state: "uploading" };
      this.#uploads.push(upload);
      this.#render();
      try {
        const { attachment } = await uploadFile(`/api/v1/attachments?chatId=${encodeURIComponent(chatId)}&name=${encodeURIComponent(file.name)}`, file);
        if (chatId !== this.#chatId) return;
        upload.state = "ready";
        upload.attachment = attachment;
      } catch (error) {
        this.#uploads = this.#uploads.filter((other) => other !== upload);
        this.#status.textContent = `${file.name}: ${onlineFailureText(locale, error, "fileNoAnswer")}`;
      }
      this.#render();
    }));
  }
}
