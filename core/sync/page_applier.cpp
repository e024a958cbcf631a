#include "sync/page_applier.h"

#include "store/transaction.h"

namespace parta::sync {

namespace {

// Each event maps to one idempotent store write (see MessageStore), which is what makes
// re-applying a page, or the same events split into different pages, change nothing.
struct EventWriter {
    store::MessageStore& store;

    void operator()(const store::Me& me) const { store.setMe(me); }
    void operator()(const store::User& user) const { store.upsertUser(user); }
    void operator()(const store::Chat& chat) const { store.upsertChat(chat); }
    void operator()(const store::Membership& membership) const { store.upsertMembership(membership); }
    void operator()(const MembershipRemoved& removed) const { store.removeMembership(removed.chatId, removed.userId); }
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
