// Creating a chat (an online action, docs/protocol.md "Creating a chat"): the kinds and
// classes are core's chatsToCreate, so a class teacher is offered her class's chats and a
// subject teacher subject chats, and nobody anything the policy refuses. The server decides
// again and starts the chat with the people its kind names; the chat then arrives by sync.
import { el } from "./dom.js";
import { openPanel } from "./dialog.js";
import { callApi } from "../net/api.js";
import { onlineFailureText } from "./online-failure.js";
import { text } from "../i18n.js";

const kMaxTitleLength = 256;

const optionLabel = (locale, { kind, classId }) =>
  classId === null ? text(locale, `chatKind_${kind}`) : text(locale, "chatKindOfClass", text(locale, `chatKind_${kind}`), classId);

/** The chat the answer of POST /api/v1/chats created (or found, for a direct chat). */
const createdChatId = (answer) => String(answer.events.find((event) => event.type === "chat").chat.id);

/**
 * Opens the form; `offered` is core's chatsToCreate answer (not empty). `onCreated(chatId)`
 * runs after the server created the chat, with the panel closed.
 */
export function openNewChatPanel({ locale, offered, onCreated }) {
  const status = el("p", { class: "result", role: "status", "aria-live": "polite" });
  const kindSelect = el("select", { id: "new-chat-kind" },
    offered.map((option, index) => el("option", { value: String(index) }, optionLabel(locale, option))));
  const titleInput = el("input", { id: "new-chat-title", type: "text", required: true, maxlength: kMaxTitleLength,
    autocomplete: "off" });
  // The title starts as the kind's usual name, e.g. «Родители 5А», and is the person's to change.
  let suggested = "";
  const suggest = () => {
    const option = offered[Number(kindSelect.value)];
    const next = text(locale, `chatTitle_${option.kind}`, option.classId ?? "");
    if (titleInput.value === "" || titleInput.value === suggested) titleInput.value = next;
    suggested = next;
  };
  kindSelect.addEventListener("change", suggest);
  suggest();
  const submit = el("button", { type: "submit", class: "primary" }, text(locale, "newChatCreate"));
  const form = el("form", { class: "new-chat-form", novalidate: true },
    el("label", { for: "new-chat-kind" }, text(locale, "newChatKind")), kindSelect,
    el("label", { for: "new-chat-title" }, text(locale, "newChatTitleLabel")), titleInput,
    el("p", { class: "hint" }, text(locale, "newChatMembersHint")),
    status, submit);
  const dialog = openPanel({
    className: "new-chat-dialog",
    titleId: "new-chat-title-heading",
    title: text(locale, "newChatTitle"),
    content: [form],
    closeLabel: text(locale, "close"),
  });
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const option = offered[Number(kindSelect.value)];
    const title = titleInput.value.trim();
    if (title === "") {
      status.textContent = text(locale, "newChatNeedsTitle");
      titleInput.focus();
      return;
    }
    submit.disabled = true;
    status.textContent = text(locale, "joinSending");
    try {
      const body = { kind: option.kind, title };
      if (option.classId !== null) body.classId = option.classId;
      const answer = await callApi("POST", "/api/v1/chats", body);
      dialog.close();
      await onCreated(createdChatId(answer));
    } catch (error) {
      status.textContent = onlineFailureText(locale, error);
      submit.disabled = false;
    }
  });
}

/** Starts (or finds: there is one per pair) the direct chat with `person`; answers its id. */
export async function startDirectChat({ myName, person }) {
  const title = `${myName} — ${person.name}`.slice(0, kMaxTitleLength);
  const answer = await callApi("POST", "/api/v1/chats", { kind: "direct", title, counterpartId: Number(person.userId) });
  return createdChatId(answer);
}
