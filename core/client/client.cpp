#include "client/client.h"

#include <algorithm>
#include <array>

#include "client/policy_inputs.h"
#include "client/poll_choice.h"
#include "policy/administered_person.h"
#include "policy/decide.h"
#include "random/secure_random.h"
#include "store/database.h"
#include "store/message_store.h"
#include "store/migrations.h"
#include "store/transaction.h"
#include "sync/page_applier.h"
#include "sync/sync_page.h"
#include "sync/sync_schedule.h"
#include "text/message_text.h"
#include "text/poll_text.h"
#include "text/utf8.h"

namespace parta {

namespace {

std::uint32_t secureRandom32() {
    std::uint8_t bytes[4];
    fillSecureRandom(bytes, sizeof bytes);
    return static_cast<std::uint32_t>(bytes[0]) | static_cast<std::uint32_t>(bytes[1]) << 8 |
           static_cast<std::uint32_t>(bytes[2]) << 16 | static_cast<std::uint32_t>(bytes[3]) << 24;
}

ClientError failure(ClientErrorCode code, std::string detail = {}) { return {code, std::move(detail)}; }

constexpr int kMaxPageLimit = 500;

}  // namespace

Client::Client(ClientOptions options) : options_(std::move(options)) {
    if (!options_.random) options_.random = secureRandom32;
    database_ = std::make_unique<store::Database>(options_.databasePath, options_.database);
    if (!database_->isOpen() || !store::migrate(*database_)) {
        openError_ = failure(ClientErrorCode::StoreUnavailable, database_->failure());
        return;
    }
    store_ = std::make_unique<store::MessageStore>(*database_);
    outbox_ = std::make_unique<sync::Outbox>(*database_, *store_, options_.backoff, options_.random);
    syncSchedule_ = std::make_unique<sync::SyncSchedule>(options_.pollIntervalMs, options_.backoff, options_.random);
    // Whatever was in flight when the app stopped gets no answer now; the server dedupes the
    // resend by clientId.
    store_->requeueInFlight();
}

Client::~Client() = default;

// Runs one facade operation: refuses when the store is unavailable, and turns a storage
// failure recorded during the operation into an error value.
template <typename T, typename Operation>
Result<T> Client::run(Operation operation) {
    Result<T> result;
    if (openError_) {
        result.error = openError_;
        return result;
    }
    database_->clearFailure();
    result = operation();
    database_->finishStatements();
    if (result.ok() && database_->failed()) result = {storageFailure(), {}};
    return result;
}

// A full disk or browser quota gets its own code: the UI suggests keeping fewer messages.
ClientError Client::storageFailure() const {
    return failure(database_->storageFull() ? ClientErrorCode::StorageFull : ClientErrorCode::StorageFailed,
                   database_->failure());
}

std::optional<ClientError> Client::checkText(std::string_view text) const {
    const std::optional<MessageTextProblem> problem = messageTextProblem(text);
    if (!problem) return std::nullopt;
    switch (*problem) {
        case MessageTextProblem::NotUtf8: return failure(ClientErrorCode::InvalidArgument, "text: expected UTF-8");
        case MessageTextProblem::ContainsNul:
            return failure(ClientErrorCode::InvalidArgument, "text: expected no U+0000");
        case MessageTextProblem::OnlyWhitespace: return failure(ClientErrorCode::EmptyText);
        case MessageTextProblem::TooLong: return failure(ClientErrorCode::TextTooLong);
    }
    return std::nullopt;
}

Result<SyncApplied> Client::applySync(std::string_view responseText, std::int64_t nowMs) {
    return run<SyncApplied>([&]() -> Result<SyncApplied> {
        const sync::SyncPageParse parsed = sync::parseSyncPage(responseText);
        if (!parsed.ok()) {
            syncSchedule_->failed(nowMs);
            return {failure(ClientErrorCode::BadSyncPage, parsed.error->describe()), {}};
        }
        if (!sync::applySyncPage(*database_, *store_, parsed.page, options_.maxMessageBodies)) {
            syncSchedule_->failed(nowMs);
            return {storageFailure(), {}};
        }
        syncSchedule_->succeeded(parsed.page.more, nowMs);
        return {std::nullopt, {parsed.page.cursor, parsed.page.more, parsed.page.events.size()}};
    });
}

void Client::onSyncFailed(int, std::int64_t nowMs) {
    if (syncSchedule_) syncSchedule_->failed(nowMs);
}

void Client::requestSync() {
    if (syncSchedule_) syncSchedule_->requestNow();
}

Result<Done> Client::reconnected(std::int64_t nowMs) {
    return run<Done>([&]() -> Result<Done> {
        store_->makeQueuedDue(nowMs);
        syncSchedule_->requestNow();
        return {};
    });
}

sync::HttpRequest Client::nextRequest(std::int64_t nowMs) {
    sync::HttpRequest request;
    if (openError_) return request;
    database_->clearFailure();
    // Sends first: a person is waiting for them. JS may call again to run a sync alongside.
    if (std::optional<store::OutboxItem> item = outbox_->takeNextDue(nowMs)) {
        database_->finishStatements();
        return sync::sendRequest(*item);
    }
    if (syncSchedule_->isDue(nowMs)) {
        syncSchedule_->started();
        request = sync::syncRequest(store_->cursor(), options_.pageLimit);
        database_->finishStatements();
        return request;
    }
    const std::optional<std::int64_t> sendAt = outbox_->nextDueAt();
    const std::optional<std::int64_t> syncAt = syncSchedule_->dueAt();
    if (sendAt && syncAt) {
        request.wakeAtMs = std::min(*sendAt, *syncAt);
    } else {
        request.wakeAtMs = sendAt ? sendAt : syncAt;
    }
    database_->finishStatements();
    return request;
}

Result<std::vector<store::ChatSummary>> Client::chats(int limit) {
    return run<std::vector<store::ChatSummary>>([&]() -> Result<std::vector<store::ChatSummary>> {
        if (limit < 1) return {failure(ClientErrorCode::BadPageRequest, "limit"), {}};
        return {std::nullopt, store_->chats(limit)};
    });
}

Result<std::vector<store::ChatPerson>> Client::people(std::int64_t chatId) {
    return run<std::vector<store::ChatPerson>>([&]() -> Result<std::vector<store::ChatPerson>> {
        if (!store_->hasChat(chatId)) return {failure(ClientErrorCode::UnknownChat), {}};
        return {std::nullopt, store_->chatPeople(chatId)};
    });
}

Result<std::vector<store::Message>> Client::messages(std::int64_t chatId, const store::PageRequest& page) {
    return run<std::vector<store::Message>>([&]() -> Result<std::vector<store::Message>> {
        if (page.limit < 1 || page.limit > kMaxPageLimit) return {failure(ClientErrorCode::BadPageRequest, "limit"), {}};
        if (page.beforeId && page.afterId) {
            return {failure(ClientErrorCode::BadPageRequest, "beforeId and afterId together"), {}};
        }
        return {std::nullopt, store_->messages(chatId, page)};
    });
}

Result<std::vector<store::Message>> Client::search(std::string_view query, const store::SearchOptions& options) {
    return run<std::vector<store::Message>>([&]() -> Result<std::vector<store::Message>> {
        if (options.limit < 1 || options.limit > kMaxPageLimit) {
            return {failure(ClientErrorCode::BadPageRequest, "limit"), {}};
        }
        return {std::nullopt, store_->search(query, options)};
    });
}

Result<std::string> Client::enqueue(std::int64_t chatId, std::string_view text, std::optional<std::int64_t> replyTo,
                                    std::int64_t nowMs, const MessageExtras& extras) {
    return run<std::string>([&]() -> Result<std::string> {
        if (std::optional<ClientError> error = checkText(text)) return {error, {}};
        const std::optional<store::Chat> chat = store_->chat(chatId);
        if (!chat) return {failure(ClientErrorCode::UnknownChat), {}};
        std::optional<store::Poll> poll = extras.poll;
        if (poll) {
            std::vector<std::string> options;
            for (const store::PollOption& option : poll->options) options.push_back(option.text);
            if (pollProblem(poll->question, options)) return {failure(ClientErrorCode::BadPoll), {}};
            if (std::optional<ClientError> refusal = refusalOf(policy::Action::PostPoll, *chat)) return {refusal, {}};
            std::int64_t id = 0;
            for (store::PollOption& option : poll->options) option = {++id, option.text, 0, false};
        }
        if (!extras.attachments.empty()) {
            if (extras.attachments.size() > sync::kMaxAttachments) return {failure(ClientErrorCode::TooManyAttachments), {}};
            for (const store::Attachment& attachment : extras.attachments) {
                if (attachment.id < 1) return {failure(ClientErrorCode::InvalidArgument, "attachments: expected ids"), {}};
            }
            if (std::optional<ClientError> refusal = refusalOf(policy::Action::AttachFile, *chat)) return {refusal, {}};
        }
        return {std::nullopt, outbox_->enqueue(chatId, text, replyTo, nowMs, std::move(poll), extras.attachments)};
    });
}

Result<std::vector<store::OutboxItem>> Client::outbox() {
    return run<std::vector<store::OutboxItem>>(
        [&]() -> Result<std::vector<store::OutboxItem>> { return {std::nullopt, store_->outbox()}; });
}

Result<sync::SendOutcome> Client::onSendResult(std::string_view clientId, int httpStatus, std::string_view body,
                                               std::int64_t nowMs) {
    return run<sync::SendOutcome>([&]() -> Result<sync::SendOutcome> {
        return {std::nullopt, outbox_->onSendResult(clientId, httpStatus, body, nowMs)};
    });
}

Result<Done> Client::editUnsent(std::string_view clientId, std::string_view text, std::int64_t nowMs) {
    return run<Done>([&]() -> Result<Done> {
        if (std::optional<ClientError> error = checkText(text)) return {error, {}};
        if (!outbox_->edit(clientId, text, nowMs)) return {failure(ClientErrorCode::NotEditable), {}};
        return {};
    });
}

Result<Done> Client::retryUnsent(std::string_view clientId, std::int64_t nowMs) {
    return run<Done>([&]() -> Result<Done> {
        if (!outbox_->retry(clientId, nowMs)) return {failure(ClientErrorCode::NotEditable), {}};
        return {};
    });
}

std::optional<ClientError> Client::refusalOf(policy::Action action, const store::Chat& chat) {
    const std::optional<store::Me> self = store_->me();
    if (!self) return failure(ClientErrorCode::ProfileNotSynced);
    const policy::Target target = policyTarget(chat, store_->membershipRole(chat.id, self->userId));
    // A chat kind the policy does not know allows nothing (see allowedActions).
    if (!target.chat) return ClientError{ClientErrorCode::NotAllowed, {}, policy::Reason::RoleNotAllowed};
    const policy::Decision decision = policy::decide(policySubject(*self), action, target);
    if (decision.allowed) return std::nullopt;
    return ClientError{ClientErrorCode::NotAllowed, std::string(policy::nameOf(action)), decision.reason};
}

Result<std::string> Client::editMessage(std::int64_t messageId, std::string_view text, std::int64_t nowMs) {
    return run<std::string>([&]() -> Result<std::string> {
        if (std::optional<ClientError> error = checkText(text)) return {error, {}};
        const std::optional<store::Message> message = store_->message(messageId);
        if (!message) return {failure(ClientErrorCode::UnknownMessage), {}};
        if (message->deleted) return {failure(ClientErrorCode::MessageDeleted), {}};
        const std::optional<store::Me> self = store_->me();
        if (!self) return {failure(ClientErrorCode::ProfileNotSynced), {}};
        if (message->senderId != self->userId) return {failure(ClientErrorCode::NotOwnMessage), {}};
        const std::optional<store::Chat> chat = store_->chat(message->chatId);
        if (!chat) return {failure(ClientErrorCode::UnknownChat), {}};
        if (std::optional<ClientError> refusal = refusalOf(policy::Action::EditOwn, *chat)) return {refusal, {}};
        store::OutboxItem edit;
        edit.kind = store::OutboxKind::Edit;
        edit.chatId = message->chatId;
        edit.messageId = messageId;
        edit.text = std::string(text);
        return {std::nullopt, outbox_->enqueueChange(std::move(edit), nowMs)};
    });
}

Result<std::string> Client::deleteMessage(std::int64_t messageId, std::int64_t nowMs) {
    return run<std::string>([&]() -> Result<std::string> {
        const std::optional<store::Message> message = store_->message(messageId);
        if (!message) return {failure(ClientErrorCode::UnknownMessage), {}};
        if (message->deleted) return {failure(ClientErrorCode::MessageDeleted), {}};
        const std::optional<store::Me> self = store_->me();
        if (!self) return {failure(ClientErrorCode::ProfileNotSynced), {}};
        const std::optional<store::Chat> chat = store_->chat(message->chatId);
        if (!chat) return {failure(ClientErrorCode::UnknownChat), {}};
        const policy::Action action = deletionAction(message->senderId, self->userId);
        if (std::optional<ClientError> refusal = refusalOf(action, *chat)) return {refusal, {}};
        store::OutboxItem deletion;
        deletion.kind = store::OutboxKind::Delete;
        deletion.chatId = message->chatId;
        deletion.messageId = messageId;
        return {std::nullopt, outbox_->enqueueChange(std::move(deletion), nowMs)};
    });
}

Result<std::string> Client::votePoll(std::int64_t messageId, const std::vector<std::int64_t>& optionIds,
                                     std::int64_t nowMs) {
    return run<std::string>([&]() -> Result<std::string> {
        const std::optional<store::Message> message = store_->message(messageId);
        if (!message) return {failure(ClientErrorCode::UnknownMessage), {}};
        if (message->deleted) return {failure(ClientErrorCode::MessageDeleted), {}};
        if (!message->poll) return {failure(ClientErrorCode::BadPollChoice, "no poll"), {}};
        if (!isValidPollChoice(*message->poll, optionIds)) return {failure(ClientErrorCode::BadPollChoice, "optionIds"), {}};
        const std::optional<store::Chat> chat = store_->chat(message->chatId);
        if (!chat) return {failure(ClientErrorCode::UnknownChat), {}};
        if (std::optional<ClientError> refusal = refusalOf(policy::Action::Read, *chat)) return {refusal, {}};
        store::OutboxItem vote;
        vote.kind = store::OutboxKind::Vote;
        vote.chatId = message->chatId;
        vote.messageId = messageId;
        vote.optionIds = optionIds;
        return {std::nullopt, outbox_->enqueueChange(std::move(vote), nowMs)};
    });
}

Result<Done> Client::discardUnsent(std::string_view clientId) {
    return run<Done>([&]() -> Result<Done> {
        if (!outbox_->discard(clientId)) return {failure(ClientErrorCode::NotEditable), {}};
        return {};
    });
}

Result<Done> Client::markRead(std::int64_t chatId, std::int64_t messageId, std::int64_t nowMs) {
    return run<Done>([&]() -> Result<Done> {
        if (messageId <= store_->lastReadId(chatId)) return {};
        // Queued first: should the app stop in between, the server still learns the position
        // and its readState brings it back here.
        if (store_->hasChat(chatId)) {
            store::OutboxItem position;
            position.kind = store::OutboxKind::ReadPosition;
            position.chatId = chatId;
            position.messageId = messageId;
            outbox_->enqueueChange(std::move(position), nowMs);
        }
        store_->advanceReadState(chatId, messageId);
        return {};
    });
}

Result<Done> Client::setDraft(std::int64_t chatId, std::string_view text) {
    return run<Done>([&]() -> Result<Done> {
        if (!utf8::isValid(text)) return {failure(ClientErrorCode::InvalidArgument, "text: expected UTF-8"), {}};
        if (utf8::countCodePointsUpTo(text, sync::kMaxMessageChars) > sync::kMaxMessageChars) {
            return {failure(ClientErrorCode::TextTooLong), {}};
        }
        store_->setDraft(chatId, text);
        return {};
    });
}

Result<std::string> Client::draft(std::int64_t chatId) {
    return run<std::string>([&]() -> Result<std::string> { return {std::nullopt, store_->draft(chatId)}; });
}

Result<std::vector<policy::Action>> Client::allowedActions(std::int64_t chatId) {
    return run<std::vector<policy::Action>>([&]() -> Result<std::vector<policy::Action>> {
        const std::optional<store::Me> self = store_->me();
        if (!self) return {failure(ClientErrorCode::ProfileNotSynced), {}};
        const std::optional<store::Chat> chat = store_->chat(chatId);
        if (!chat) return {failure(ClientErrorCode::UnknownChat), {}};
        const policy::Target target = policyTarget(*chat, store_->membershipRole(chatId, self->userId));
        // A chat kind from before schema version 5 names no policy chat: allow nothing until
        // the resync brings its kind, rather than judge it as the school itself.
        if (!target.chat) return {};
        return {std::nullopt, policy::allowedActions(policySubject(*self), target)};
    });
}

Result<std::vector<policy::SchoolRole>> Client::inviteRoles(std::int64_t chatId) {
    return run<std::vector<policy::SchoolRole>>([&]() -> Result<std::vector<policy::SchoolRole>> {
        const std::optional<store::Me> self = store_->me();
        if (!self) return {failure(ClientErrorCode::ProfileNotSynced), {}};
        const std::optional<store::Chat> chat = store_->chat(chatId);
        if (!chat) return {failure(ClientErrorCode::UnknownChat), {}};
        policy::Target target = policyTarget(*chat, store_->membershipRole(chatId, self->userId));
        if (!target.chat) return {};
        const policy::Subject subject = policySubject(*self);
        std::vector<policy::SchoolRole> roles;
        for (const policy::SchoolRole role : policy::kAllSchoolRoles) {
            target.grantedRole = role;
            if (policy::decide(subject, policy::Action::CreateInvite, target).allowed) roles.push_back(role);
        }
        return {std::nullopt, roles};
    });
}

Result<std::vector<policy::Action>> Client::memberActions(std::int64_t chatId, std::int64_t userId) {
    return run<std::vector<policy::Action>>([&]() -> Result<std::vector<policy::Action>> {
        const std::optional<store::Me> self = store_->me();
        if (!self) return {failure(ClientErrorCode::ProfileNotSynced), {}};
        const std::optional<store::Chat> chat = store_->chat(chatId);
        if (!chat) return {failure(ClientErrorCode::UnknownChat), {}};
        const std::optional<std::string> memberRole = store_->membershipRole(chatId, userId);
        if (!memberRole) return {};
        policy::Target target = policyTarget(*chat, store_->membershipRole(chatId, self->userId));
        if (!target.chat) return {};
        policy::ChatMember member;
        member.person.userId = std::to_string(userId);
        for (const store::ChatPerson& person : store_->chatPeople(chatId)) {
            if (person.userId != userId) continue;
            if (const auto role = policy::schoolRoleFromName(person.schoolRole)) member.person.roles.push_back(*role);
        }
        member.chatRole = policy::chatRoleFromName(*memberRole).value_or(policy::ChatRole::Member);
        target.member = member;
        const policy::Subject subject = policySubject(*self);
        std::vector<policy::Action> actions;
        for (const policy::Action action : {policy::Action::MuteMember, policy::Action::RemoveMember}) {
            if (policy::decide(subject, action, target).allowed) actions.push_back(action);
        }
        if (userId != self->userId) {
            policy::Target direct;
            direct.chat = policy::ChatKind::Direct;
            direct.counterpart = member.person;
            if (policy::decide(subject, policy::Action::CreateChat, direct).allowed) {
                actions.push_back(policy::Action::CreateChat);
            }
        }
        return {std::nullopt, actions};
    });
}

namespace {

// The administration the school screens carry out; the rest of the school-wide actions are
// offered where they happen (invites and join requests in a chat, create_chat in the list).
constexpr std::array<policy::Action, 11> kSchoolScreenActions = {
    policy::Action::ViewPeople,     policy::Action::VerifyTeacher,      policy::Action::AssignClassTeacher,
    policy::Action::AppointAdmin,   policy::Action::MoveStudent,        policy::Action::EndSessions,
    policy::Action::CreateClass,    policy::Action::ManageRoster,       policy::Action::ViewActivityStats,
    policy::Action::ViewAuditLog,   policy::Action::RevokeInvite};

void addClass(std::vector<std::string>& classes, const std::string& classId) {
    if (!classId.empty() && std::find(classes.begin(), classes.end(), classId) == classes.end()) {
        classes.push_back(classId);
    }
}

}  // namespace

Result<std::vector<policy::Action>> Client::schoolActions() {
    return run<std::vector<policy::Action>>([&]() -> Result<std::vector<policy::Action>> {
        const std::optional<store::Me> self = store_->me();
        if (!self) return {failure(ClientErrorCode::ProfileNotSynced), {}};
        const policy::Subject subject = policySubject(*self);
        std::vector<policy::Action> actions;
        for (const policy::Action action : kSchoolScreenActions) {
            if (policy::decide(subject, action, policy::Target{}).allowed) actions.push_back(action);
        }
        return {std::nullopt, actions};
    });
}

Result<std::vector<policy::Action>> Client::actionsOnPerson(const policy::Subject& person) {
    Result<std::vector<policy::Action>> actions = schoolActions();
    if (!actions.ok()) return actions;
    std::vector<policy::Action> fitting;
    for (const policy::Action action : actions.value) {
        if (!policy::administeredPersonMismatch(action, person)) fitting.push_back(action);
    }
    return {std::nullopt, fitting};
}

Result<std::vector<ChatToCreate>> Client::chatsToCreate() {
    return run<std::vector<ChatToCreate>>([&]() -> Result<std::vector<ChatToCreate>> {
        const std::optional<store::Me> self = store_->me();
        if (!self) return {failure(ClientErrorCode::ProfileNotSynced), {}};
        const policy::Subject subject = policySubject(*self);
        const std::vector<store::Chat> held = store_->allChats();
        std::vector<std::string> classes;
        for (const std::string& classId : self->classTeacherOf) addClass(classes, classId);
        for (const std::string& classId : self->teaches) addClass(classes, classId);
        for (const store::Chat& chat : held) addClass(classes, chat.classId);
        std::sort(classes.begin(), classes.end());

        std::vector<ChatToCreate> creatable;
        for (const policy::ChatKind kind : policy::kAllChatKinds) {
            if (kind == policy::ChatKind::Direct) continue;
            if (policy::isOnePerSchool(kind) &&
                std::any_of(held.begin(), held.end(), [&](const store::Chat& chat) {
                    return policy::chatKindFromName(chat.kind) == kind;
                })) {
                continue;
            }
            policy::Target target;
            target.chat = kind;
            for (const std::string& classId : policy::isClassBound(kind) ? classes : std::vector<std::string>{""}) {
                target.classId = classId;
                if (policy::decide(subject, policy::Action::CreateChat, target).allowed) {
                    creatable.push_back({kind, classId});
                }
            }
        }
        return {std::nullopt, creatable};
    });
}

Result<Done> Client::compactLog() {
    // No statement is left on a row to hold a snapshot back: every operation ends with
    // finishStatements() (run, nextRequest).
    return run<Done>([&]() -> Result<Done> {
        database_->checkpointAndTruncateLog();
        return {};
    });
}

Result<std::string> Client::checkIntegrity() {
    return run<std::string>([&]() -> Result<std::string> { return {std::nullopt, database_->integrityCheck()}; });
}

Result<Done> Client::wipe() {
    return run<Done>([&]() -> Result<Done> {
        store_->wipe();
        syncSchedule_->requestNow();
        return {};
    });
}

}  // namespace parta
