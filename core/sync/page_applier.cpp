#include "sync/page_applier.h"

#include "client/policy_inputs.h"
#include "policy/decide.h"
#include "policy/reason.h"
#include "store/transaction.h"

namespace parta::sync {

namespace {

// Whether the signed-in reader may still read the chat now that they are not a member of it.
// Only the school's channels are delivered to non-members (readableWithoutMembership), and of
// those only to whom decide() lets read them, as the server's sync feed decides. A chat not
// stored, or of a kind the policy does not know, is not readable.
bool readableWithoutBeingMember(store::MessageStore& store, const store::Me& me, std::int64_t chatId) {
    const std::optional<store::Chat> chat = store.chat(chatId);
    if (!chat) return false;
    const policy::Target target = policyTarget(*chat, std::nullopt);
    return target.chat && policy::readableWithoutMembership(*target.chat) &&
           policy::decide(policySubject(me), policy::Action::Read, target).allowed;
}

// A removal of the reader themselves takes the chat off the device unless they may still read
// it: the server sends nothing of it after the removal, and the school is a closed space (a
// student moved out of 5A must not keep reading 5A's chat on a shared phone). Unsent messages
// and edits fail with the code the server gives a non-member's send, NOT_MEMBER.
void applyMembershipRemoved(store::MessageStore& store, const MembershipRemoved& removed) {
    store.removeMembership(removed.chatId, removed.userId);
    const std::optional<store::Me> me = store.me();
    if (!me || me->userId != removed.userId || readableWithoutBeingMember(store, *me, removed.chatId)) return;
    store.forgetChat(removed.chatId, policy::reasonCode(policy::Reason::NotMember));
}

// Each event maps to one idempotent store write (see MessageStore), which is what makes
// re-applying a page, or the same events split into different pages, change nothing.
struct EventWriter {
    store::MessageStore& store;

    void operator()(const store::Me& me) const { store.setMe(me); }
    void operator()(const store::User& user) const { store.upsertUser(user); }
    void operator()(const store::Chat& chat) const { store.upsertChat(chat); }
    void operator()(const store::Membership& membership) const { store.upsertMembership(membership); }
    void operator()(const MembershipRemoved& removed) const { applyMembershipRemoved(store, removed); }
    void operator()(const store::Message& message) const { store.upsertMessage(message); }
    void operator()(const store::MessageEdit& edit) const { store.editMessage(edit); }
    void operator()(const MessageDeleted& deleted) const { store.deleteMessage(deleted.chatId, deleted.id); }
    void operator()(const store::PollVotes& votes) const { store.setPollVotes(votes); }
    void operator()(const ReadState& state) const { store.advanceReadState(state.chatId, state.lastReadId); }
    void operator()(const store::Invite& invite) const { store.upsertInvite(invite); }
    void operator()(const store::JoinRequest& request) const { store.upsertJoinRequest(request); }
    void operator()(const Reset&) const { store.clearSyncedData(); }
};

}  // namespace

void writeEvents(store::Database& database, store::MessageStore& store, const std::vector<SyncEvent>& events) {
    const EventWriter writer{store};
    for (const SyncEvent& event : events) {
        std::visit(writer, event);
        if (database.failed()) return;
    }
}

bool applySyncPage(store::Database& database, store::MessageStore& store, const SyncPage& page,
                   std::optional<std::int64_t> maxMessageBodies) {
    store::Transaction transaction(database);
    writeEvents(database, store, page.events);
    if (maxMessageBodies) store.enforceRetention(*maxMessageBodies);
    store.finishTransaction();
    store.setCursor(page.cursor);
    return transaction.commit();
}

}  // namespace parta::sync
