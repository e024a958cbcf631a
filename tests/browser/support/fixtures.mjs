// Fictional school data the browser tests share: a parent (user 7, whose child, user 40, is in
// class 5А) who is a member of the 5А parents' chat. No real person or school is named.

/** The sync events that give the parent's profile and the parents' chat `chatId` with its membership. */
export function parentsChatEvents(chatId) {
  return [
    { type: "me", me: { userId: 7, roles: ["parent"], children: [{ userId: 40, classId: "5A" }] } },
    { type: "chat", chat: { id: chatId, kind: "parents_chat", classId: "5A", title: "Родители 5А", createdAt: 1700000000000 } },
    { type: "membership", membership: { chatId, userId: 7, role: "member" } },
  ];
}
