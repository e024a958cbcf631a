// A chat's members (core's people), and for its moderators muting and removing one (001
// §3.4.7); writing to a member directly where the policy allows a direct chat with them (a
// parent with the class teacher, 002 §5). Whether a member's controls are there is core's
// memberActions for that member; the
// server judges the whole person and may still refuse, and its refusal is shown with the
// policy's sentence. The change itself arrives by sync.
import { el, fill } from "./dom.js";
import { confirmDialog, openPanel } from "./dialog.js";
import { callApi } from "../net/api.js";
import { onlineFailureText } from "./online-failure.js";
import { text } from "../i18n.js";

function memberItem(locale, chat, person, actions, status, onWriteDirectly) {
  const act = (call) => async () => {
    status.textContent = text(locale, "joinSending");
    try {
      await call();
      status.textContent = text(locale, "memberChangeSent");
    } catch (error) {
      status.textContent = onlineFailureText(locale, error);
    }
  };
  const muted = person.chatRole === "readonly";
  const base = `/api/v1/chats/${chat.id}/members/${person.userId}`;
  const remove = async () => {
    const confirmed = await confirmDialog({
      title: text(locale, "memberRemoveTitle", person.name),
      lines: [text(locale, "memberRemoveExplained")],
      confirm: text(locale, "memberRemove"),
      cancel: text(locale, "cancel"),
    });
    if (confirmed) await act(() => callApi("DELETE", base))();
  };
  return el("li", { class: "member", dataset: { userId: person.userId } },
    el("span", { class: "sender-name" }, person.name),
    person.schoolRole === "teacher" ? el("span", { class: "badge teacher-badge" }, text(locale, "teacherBadge")) : null,
    el("span", { class: "hint" }, ` — ${text(locale, `chatRole_${person.chatRole}`)}`),
    actions.length === 0 ? null : el("span", { class: "message-actions" },
      actions.includes("mute_member")
        ? el("button", { type: "button", class: "link-button",
            onclick: act(() => callApi("POST", `${base}/mute`, { muted: !muted })) }, text(locale, muted ? "memberUnmute" : "memberMute"))
        : null,
      actions.includes("remove_member")
        ? el("button", { type: "button", class: "link-button", onclick: remove }, text(locale, "memberRemove"))
        : null,
      actions.includes("create_chat")
        ? el("button", { type: "button", class: "link-button", onclick: async () => {
            try {
              await onWriteDirectly(person);
            } catch (error) {
              status.textContent = onlineFailureText(locale, error);
            }
          } }, text(locale, "memberWriteDirectly"))
        : null));
}

/**
 * Opens the member list of `chat`; `people` is core's people answer. `onWriteDirectly(person)`
 * starts the direct chat with a member (the panel is closed first); an online failure is shown.
 */
export async function openMembersPanel({ parta, locale, chat, people, onWriteDirectly }) {
  const status = el("p", { class: "result", role: "status", "aria-live": "polite" });
  const members = people.filter((person) => person.chatRole !== null);
  const list = el("ul", { class: "members" });
  const items = [];
  for (const person of members) {
    const actions = await parta.client.memberActions(chat.id, person.userId);
    items.push(memberItem(locale, chat, person, actions.ok ? actions.value : [], status, async (member) => {
      await onWriteDirectly(member);
      dialog.close();
    }));
  }
  fill(list, items);
  const dialog = openPanel({
    className: "members-dialog",
    titleId: "members-title",
    title: text(locale, "membersTitle", chat.title, members.length),
    content: [list, status],
    closeLabel: text(locale, "close"),
  });
}
