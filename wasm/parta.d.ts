// Hand-written types for parta.mjs (Emscripten 3.1.6 cannot generate them).
// Keep in step with wasm/bindings/*.cpp; docs/invite-links.md and docs/permissions.md specify the behaviour.

/** Stable machine codes of invite parsing; the UI shows `message`, code checks `error`. */
export type InviteErrorCode =
  | "EMPTY"
  | "TOO_LONG"
  | "BAD_SCHEME"
  | "HOST_NOT_ALLOWED"
  | "BAD_URL"
  | "BAD_LENGTH"
  | "BAD_ALPHABET"
  | "BAD_CHECKSUM";

/** "ru" (the default) or "en"; any other tag falls back to Russian. */
export type Locale = "ru" | "en" | string;

export type InviteParseResult =
  | { ok: true; code: string; display: string }
  | { ok: false; error: InviteErrorCode; message: string };

export interface FoundInviteLink {
  /** The exact text of the link inside the message. */
  link: string;
  /** Canonical 27-symbol code. */
  code: string;
  /** Code in groups of four joined by "-". */
  display: string;
}

/** School roles; a person may hold several. docs/permissions.md specifies the policy. */
export type SchoolRole = "admin" | "director" | "teacher" | "student" | "parent";

export type ChatKind =
  | "school_channel"
  | "staff_channel"
  | "teachers_room"
  | "class_chat"
  | "parents_chat"
  | "class_teachers_chat"
  | "subject_chat"
  | "management_chat"
  | "direct";

export type ChatRole = "owner" | "moderator" | "member" | "readonly";

export type PolicyAction =
  | "read"
  | "post"
  | "post_poll"
  | "attach_file"
  | "edit_own"
  | "delete_own"
  | "delete_any"
  | "pin"
  | "mute_member"
  | "remove_member"
  | "create_chat"
  | "create_invite"
  | "revoke_invite"
  | "approve_join_request"
  | "verify_teacher"
  | "assign_class_teacher"
  | "appoint_admin"
  | "create_class"
  | "view_activity_stats"
  | "broadcast"
  | "end_sessions"
  | "view_audit_log"
  | "move_student"
  | "manage_roster"
  | "view_people";

/** Stable machine codes of policy decisions; the UI shows `message`, code checks `reason`. */
export type PolicyReason =
  | "ALLOWED"
  | "INVALID_REQUEST"
  | "INCOMPLETE_TARGET"
  | "ROLE_CONFLICT"
  | "NOT_YOUR_CLASS"
  | "NOT_MEMBER"
  | "READ_ONLY_MEMBER"
  | "NOT_VERIFIED"
  | "NOT_CLASS_TEACHER"
  | "NOT_TEACHING_CLASS"
  | "NOT_CHAT_MODERATOR"
  | "RANK_TOO_LOW"
  | "DIRECT_STAFF_ONLY"
  | "DIRECT_STAFF_OR_OWN_CHILD"
  | "NOT_OWN_INVITE"
  | "APPOINTMENT_ONLY"
  | "ROLE_NOT_GRANTABLE"
  | "ROLE_NOT_ALLOWED"
  | "CHANNEL_READ_ONLY"
  | "NOT_ADMIN"
  | "NOT_ADMIN_OR_DIRECTOR";

/** A person as the policy sees them: roles plus the assignments the rules look at. */
export interface PolicyPerson {
  userId?: string;
  /** At least one role. */
  roles: SchoolRole[];
  /** Confirmed teacher status («подтверждённый статус учителя»). */
  verified?: boolean;
  classTeacherOf?: string[];
  teaches?: string[];
  /** The student's own class. */
  studentOf?: string;
  children?: { userId: string; classId: string }[];
}

/** What an action is about; without `chat` it is the school, or the class named by `classId`. */
export interface PolicyTarget {
  chat?: ChatKind;
  /** Required for class_chat, parents_chat, class_teachers_chat and subject_chat. */
  classId?: string;
  /** The subject's own role in `chat`; absent when not a member. */
  chatRole?: ChatRole;
  /** mute_member, remove_member: the other member. */
  member?: PolicyPerson & { chatRole?: ChatRole };
  /** create_invite, approve_join_request: the role admitted. */
  grantedRole?: SchoolRole;
  /** create_chat of a direct chat: the other person. */
  counterpart?: PolicyPerson;
  /** revoke_invite: the subject's own link, or any (the default). */
  invite?: "own" | "any";
}

export interface LocalizedMessage {
  ru: string;
  en: string;
}

export interface PolicyDecision {
  allowed: boolean;
  reason: PolicyReason;
  message: LocalizedMessage;
  /** The regulation clause of the rule that decided, e.g. "001_acba6f732bb2bae0.txt §3.4.7 (…)". */
  regulation?: string;
  /** With INVALID_REQUEST: the field at fault, e.g. 'subject.roles[1]: unknown school role "king"'. */
  error?: string;
}

export interface AllowedActions {
  actions: PolicyAction[];
  /** Present only for a malformed request, which allows nothing. */
  reason?: "INVALID_REQUEST";
  message?: LocalizedMessage;
  error?: string;
}

/**
 * Server ids (int64) travel as decimal strings, e.g. "9007199254740993": a JS Number would
 * lose precision beyond 2^53. Pass them back as strings too. Times are numbers of ms since
 * the Unix epoch. docs/protocol.md ("The client in JavaScript") specifies every shape.
 */
export type Id = string;

/** Stable machine codes of Client errors; the UI shows `message`, code checks `error`. */
export type ClientErrorCode =
  | "STORE_UNAVAILABLE"
  | "STORAGE_FAILED"
  | "BAD_SYNC_PAGE"
  | "EMPTY_TEXT"
  | "TEXT_TOO_LONG"
  | "UNKNOWN_CHAT"
  | "NOT_EDITABLE"
  | "BAD_PAGE_REQUEST"
  | "PROFILE_NOT_SYNCED"
  | "INVALID_ARGUMENT";

/** Every Client method answers with a value, never by throwing for bad input or data. */
export type ClientResult<T> =
  | { ok: true; value: T }
  | {
      ok: false;
      error: ClientErrorCode;
      message: LocalizedMessage;
      /** For developers: the field at fault, e.g. "events[3].message.chatId: expected integer". */
      detail: string;
    };

export type ClientDone = { ok: true } | Extract<ClientResult<never>, { ok: false }>;

export interface ClientAttachment {
  id: Id;
  name: string;
  mimeType: string;
  sizeBytes: number;
}

export interface ClientPoll {
  question: string;
  multipleChoice: boolean;
  /** `votes`: how many people chose the option; `chosenByMe` when the signed-in user did. */
  options: { id: Id; text: string; votes: number; chosenByMe?: true }[];
}

/** «отправляется» is shown for "sending"; "failed" items carry `failureCode`. */
export type Delivery = "delivered" | "sending" | "accepted" | "failed";

/**
 * A message of a page, a search or a chat's lastMessage. The optional members are left out when
 * they say nothing: no reply, never edited, a flag not set, no attachments, no poll, no failure.
 */
export interface ClientMessage {
  /** null while the message is only in the outbox. */
  id: Id | null;
  chatId: Id;
  senderId: Id;
  serverTime: number;
  text: string;
  replyTo?: Id;
  editedAt?: number;
  /** Shown as «сообщение удалено». */
  deleted?: true;
  pinned?: true;
  /** The retention cap dropped the body; the server still has it. */
  bodyEvicted?: true;
  /** Set on our own messages: key UI rows by it, so a sent message neither doubles nor flickers. */
  clientId?: string;
  attachments?: ClientAttachment[];
  poll?: ClientPoll;
  delivery: Delivery;
  failureCode?: string;
  /** With failureCode: the sentence to show (the policy's own for a refusal). */
  failureMessage?: LocalizedMessage;
  /** Our newest edit or deletion of the message still in the outbox; unless it failed, text and `deleted` already show it. */
  change?: { clientId: string; delivery: Delivery; failureCode?: string; failureMessage?: LocalizedMessage };
}

export interface ClientChat {
  id: Id;
  kind: ChatKind;
  title: string;
  classId: string | null;
  createdAt: number;
  lastActivity: number;
  unreadCount: number;
  draft: string;
  lastMessage: ClientMessage | null;
}

/** Someone a chat names: a member, or (chatRole null) the sender of a stored message who left. */
export interface ClientChatPerson {
  userId: Id;
  name: string;
  /** The school role the server gives, e.g. "teacher". */
  schoolRole: string;
  chatRole: ChatRole | null;
}

/** What the invite form may offer for a chat, and the server's defaults and limits for a link. */
export interface InviteOffer {
  roles: { role: SchoolRole; approvalByDefault: boolean }[];
  defaultLifetimeMs: number;
  maxLifetimeMs: number;
  defaultUsageLimit: number;
  maxUsageLimit: number;
}

export interface ClientOutboxItem {
  clientId: string;
  /** "message": a new message; the others change what the server has. */
  kind: "message" | "edit" | "delete" | "vote" | "read_position";
  chatId: Id;
  /** edit, delete, vote: the message changed; read_position: the newest message read. */
  messageId: Id | null;
  /** vote: the choice ([] withdraws it). */
  optionIds: Id[] | null;
  text: string;
  replyTo: Id | null;
  createdAt: number;
  state: "queued" | "in_flight" | "accepted" | "failed";
  attempts: number;
  nextAttemptAt: number;
  failureCode: string | null;
  /** With failureCode: the sentence to show. */
  failureMessage: LocalizedMessage | null;
  httpStatus: number | null;
}

/** What JS should fetch next; core never touches the network. */
export interface ClientRequest {
  /** "none": nothing is due now; call again at `wakeAtMs` (or on new input when it is null). */
  kind: "none" | "sync" | "send_message" | "send_change";
  method: "GET" | "POST" | null;
  /** Relative to the school server's origin. */
  path: string | null;
  /** JSON text to POST as is. */
  body: string | null;
  /** send_message, send_change: hand it back to onSendResult. */
  clientId: string | null;
  wakeAtMs: number | null;
}

export type SendOutcome = "confirmed" | "accepted" | "will_retry" | "failed" | "already_gone";

export interface ClientOptions {
  /** A file name for `vfs`; ":memory:" (the default) for a private in-memory store. */
  databasePath?: string;
  /** "parta-browser": the files of Module.partaFiles (wasm/storage/database_files.mjs). */
  vfs?: string;
  /** The connection is the files' only user (the worker holds the database's Web Lock). Needed for WAL on "parta-browser". */
  exclusive?: boolean;
  /** "wal" (default) or "truncate". */
  journalMode?: "wal" | "truncate";
  /** Applies when the database is created; a power of two from 512 to 65536, default 4096. */
  pageSize?: number;
}

/**
 * JSON text that parses to a T. parta.Client answers in text because it lives in a worker: one
 * string crosses to the page for less than a page of message objects would, and the page's
 * JSON.parse (web/parta-client.js) is the one conversion. The worker API answers T itself.
 */
export type JsonText<T> = string & { readonly parsesTo?: T };

/**
 * The core facade: the local store, sync and outbox, and the policy for the signed-in user.
 * Each method answers the JSON text of the result named here.
 */
export interface Client {
  /** Applies the raw text of a GET /api/v1/sync answer: the whole page or, with an error naming the field, nothing. */
  applySync(responseText: string, nowMs: number): JsonText<ClientResult<{ cursor: string; more: boolean; events: number }>>;
  nextRequest(nowMs: number): JsonText<ClientResult<ClientRequest>>;
  /** The sync request got no usable answer; status 0 when there was none at all. */
  onSyncFailed(httpStatus: number, nowMs: number): JsonText<ClientDone>;
  /** Ordered by last activity, newest first. */
  chats(): JsonText<ClientResult<ClientChat[]>>;
  /** By name; UNKNOWN_CHAT when the chat is not on this device. */
  people(chatId: Id): JsonText<ClientResult<ClientChatPerson[]>>;
  /** The network is back: the sync and every queued item backing off are due now. */
  reconnected(nowMs: number): JsonText<ClientDone>;
  /** Oldest first; the page reaching the newest message ends with our outbox items. */
  messages(chatId: Id, page?: { limit?: number; beforeId?: Id; afterId?: Id } | null): JsonText<ClientResult<ClientMessage[]>>;
  search(query: string, options?: { chatId?: Id; beforeId?: Id; limit?: number } | null): JsonText<ClientResult<ClientMessage[]>>;
  /** The new outbox item's clientId. */
  /** A new message; `details` may carry a poll to ask (post_poll) and uploads (attach_file), decided by the policy before queueing. */
  enqueue(chatId: Id, text: string, replyTo: Id | null,
          details: { poll?: { question: string; multipleChoice?: boolean; options: string[] }; attachments?: { id: Id | number; name: string; mimeType: string; sizeBytes: number }[] } | null,
          nowMs: number): JsonText<ClientResult<string>>;
  outbox(): JsonText<ClientResult<ClientOutboxItem[]>>;
  /** The answer to POST /api/v1/messages: status 0 when there was none, body as raw text. */
  onSendResult(clientId: string, httpStatus: number, body: string, nowMs: number): JsonText<ClientResult<SendOutcome>>;
  /** A failed or queued item: new messages and edits take a new text and are queued again. */
  editUnsent(clientId: string, text: string, nowMs: number): JsonText<ClientDone>;
  /** A failed or queued item of any kind, queued again as it is. */
  retryUnsent(clientId: string, nowMs: number): JsonText<ClientDone>;
  discardUnsent(clientId: string): JsonText<ClientDone>;
  /** Edits our own sent message through the outbox; answers the change's clientId. */
  editMessage(messageId: Id, text: string, nowMs: number): JsonText<ClientResult<string>>;
  /** Deletes our own message, or anyone's where we moderate, through the outbox. */
  deleteMessage(messageId: Id, nowMs: number): JsonText<ClientResult<string>>;
  /** Replaces our votes in the message's poll; [] withdraws them. */
  votePoll(messageId: Id, optionIds: Id[], nowMs: number): JsonText<ClientResult<string>>;
  /** Moves our read position forward and queues it for the server. */
  markRead(chatId: Id, messageId: Id, nowMs: number): JsonText<ClientDone>;
  setDraft(chatId: Id, text: string): JsonText<ClientDone>;
  draft(chatId: Id): JsonText<ClientResult<string>>;
  /** What the signed-in user may do in the chat, decided by the policy (docs/permissions.md). */
  allowedActions(chatId: Id): JsonText<ClientResult<PolicyAction[]>>;
  /** The roles an invite to the chat may grant, decided by the policy (create_invite with each grantedRole). */
  inviteRoles(chatId: Id): JsonText<ClientResult<InviteOffer>>;
  /** mute_member and remove_member where the policy allows them on this member, judged by their synced roles, and create_chat when a direct chat with them is allowed; the server may still refuse. */
  memberActions(chatId: Id, userId: Id): JsonText<ClientResult<PolicyAction[]>>;
  /** The school-wide administration the policy allows (view_people, verify_teacher, …, view_audit_log): what the school screens offer. */
  schoolActions(): JsonText<ClientResult<PolicyAction[]>>;
  /** Of schoolActions, those that fit each person (a teacher is verified, a student moved, staff appointed), in order; `peopleJson` is an array of the server's people, their `roles` decide. */
  actionsOnPeople(peopleJson: string): JsonText<ClientResult<PolicyAction[][]>>;
  /** The chats the policy lets the user create: each kind, a class-bound kind once per class they curate, teach or have a chat of; one-per-school kinds already held are left out. */
  chatsToCreate(): JsonText<ClientResult<{ kind: ChatKind; classId: string | null }[]>>;
  /** Logout: deletes everything of the user from this device. */
  wipe(): JsonText<ClientDone>;
  /** Moves the write-ahead log into the database and empties it; the worker calls it when idle after writes. */
  compactLog(): JsonText<ClientDone>;
  /** SQLite's integrity_check of the stored file: "ok", or its findings one per line. */
  checkIntegrity(): JsonText<ClientResult<string>>;
  /** Frees the wasm object. */
  delete(): void;
}

export interface PartaModule {
  Client: new (options?: ClientOptions) => Client;
  /** The STORAGE_FULL answer, for a write the browser's storage refused after SQLite committed it. */
  storageFullAnswer(detail: string): JsonText<ClientResult<never>>;

  /**
   * Parses a bare code or an invite link (https://HOST/join/CODE, https://HOST/?invite=CODE,
   * parta://join/CODE). `allowedHosts` entries are "host" or "host:port". Never throws for
   * bad input: the result says what is wrong, in `locale` (Russian by default).
   */
  parseInviteLink(input: string, allowedHosts: string[], locale?: Locale): InviteParseResult;

  /** Valid invite links inside a chat message, in order, one per code. */
  extractInviteLinks(text: string, allowedHosts: string[]): FoundInviteLink[];

  /** Display form ("ABCD-EFGH-…") of any parseable code, or "" when it is not a code. */
  formatInviteCode(code: string): string;

  /** A fresh canonical code from crypto.getRandomValues. */
  generateInviteCode(): string;

  /**
   * The permission policy: may `subject` do `action` on `target`? Never throws for bad input:
   * a malformed request is a deny with reason INVALID_REQUEST and `error`.
   */
  decide(subject: PolicyPerson, action: PolicyAction, target: PolicyTarget): PolicyDecision;

  /** Every action decide() allows for this subject and target, for enabling UI controls. */
  allowedActions(subject: PolicyPerson, target: PolicyTarget): AllowedActions;
}

export interface PartaModuleOptions {
  /** Where to find parta.wasm when it is not beside parta.mjs. */
  locateFile?(path: string, scriptDirectory: string): string;
  /** The wasm bytes, to skip fetching them. */
  wasmBinary?: ArrayBuffer | Uint8Array;
}

export default function createParta(options?: PartaModuleOptions): Promise<PartaModule>;
