// Join requests waiting for the signed-in person: whoever may create a link may approve what it
// admits, and the server lists only the requests the policy lets the caller decide. A parent's
// request is approved with the child it names, chosen among the students of the class's chat
// on this device (core's people). Online actions: refusals are the server's sentences.
import { el, fill } from "./dom.js";
import { ApiError, callApi, NoAnswer } from "../net/api.js";
import { text } from "../i18n.js";
import { onlineFailureText } from "./online-failure.js";

/** Students of the class, from the class chat core has synced: [{userId, name}]. */
async function studentsOf(parta, chats, classId) {
  const classChat = chats.find((chat) => chat.kind === "class_chat" && chat.classId === classId);
  if (!classChat) return [];
  const people = await parta.client.people(classChat.id);
  return people.ok ? people.value.filter((person) => person.schoolRole === "student" && person.chatRole !== null) : [];
}

function requestItem(locale, request, students, decide) {
  const result = el("p", { class: "result", role: "status", "aria-live": "polite" });
  const isParent = request.role === "parent";
  const selectId = `child-of-request-${request.id}`;
  const select = isParent
    ? el("select", { id: selectId },
        el("option", { value: "" }, text(locale, "requestPickChild")),
        students.map((student) => el("option", { value: student.userId }, student.name)))
    : null;
  const act = (verdict) => async () => {
    const body = verdict === "approve" && select?.value ? { childId: Number(select.value) } : {};
    result.textContent = text(locale, "joinSending");
    try {
      await callApi("POST", `/api/v1/join-requests/${request.id}/${verdict}`, body);
      await decide();
    } catch (error) {
      result.textContent = onlineFailureText(locale, error);
    }
  };
  return el("li", { class: "join-request", dataset: { requestId: request.id } },
    el("p", { class: "join-request-who" },
      el("strong", {}, request.person.name), " — ", text(locale, `role_${request.role}`) ?? request.role, " → ", request.destination.title),
    request.childName ? el("p", { class: "hint" }, text(locale, "requestChildName"), request.childName) : null,
    isParent ? [el("label", { for: selectId }, text(locale, "requestChild")), select] : null,
    el("div", { class: "message-actions" },
      el("button", { type: "button", class: "primary", onclick: act("approve") }, text(locale, "requestApprove")),
      el("button", { type: "button", class: "secondary", onclick: act("decline") }, text(locale, "requestDecline"))),
    result);
}

/**
 * Loads and renders the requests into `container` (hidden when there are none or the person
 * may decide none). Answers false when the server refuses the list to this person.
 */
export async function renderJoinRequests(container, { parta, locale, chats }) {
  let joinRequests;
  try {
    ({ joinRequests } = await callApi("GET", "/api/v1/join-requests"));
  } catch (error) {
    if (error instanceof ApiError && error.status === 403) {
      container.hidden = true;
      return false;
    }
    if (error instanceof ApiError || error instanceof NoAnswer) return true;  // shown as it was
    throw error;
  }
  container.hidden = joinRequests.length === 0;
  if (joinRequests.length === 0) {
    fill(container);
    return true;
  }
  const items = [];
  for (const request of joinRequests) {
    const students = request.role === "parent" ? await studentsOf(parta, chats, request.destination.classId) : [];
    items.push(requestItem(locale, request, students, () => renderJoinRequests(container, { parta, locale, chats })));
  }
  fill(container,
    el("h3", { class: "chat-group-title", id: "join-requests-title" }, text(locale, "requestsTitle", joinRequests.length)),
    el("ul", { class: "join-requests", "aria-labelledby": "join-requests-title" }, items));
  return true;
}
