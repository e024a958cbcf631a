#include "sync/sync_feed.h"

#include <mutex>

#include "client/policy_inputs.h"
#include "http/error_response.h"
#include "policy/decide.h"
#include "store/store_failure.h"
#include "sync/sync_cursor.h"
#include "sync/sync_page_writer.h"

namespace parta::server {

namespace {

Response pageResponse(std::string body) {
    Response response;
    response.body = std::move(body);
    // A page is personal and changes with every event: no cache may keep it.
    response.headers.emplace_back("Cache-Control", "no-store");
    return response;
}

// The kinds of chat some people read without being members (the school's channels), by name.
const std::vector<std::string>& kindsReadWithoutMembership() {
    static const std::vector<std::string> kinds = [] {
        std::vector<std::string> names;
        for (const policy::ChatKind kind : policy::kAllChatKinds) {
            if (policy::readableWithoutMembership(kind)) names.emplace_back(policy::nameOf(kind));
        }
        return names;
    }();
    return kinds;
}

// The chats whose events the reader receives: those they are a member of, and the school's
// channels, that the policy lets them read. Being listed as a member is not enough
// (docs/permissions.md: a student listed in another class's chat still may not read it), and a
// channel is read without joining by those the policy names, so the rule stays decide's.
std::vector<ChatAccess> readableChats(ServerStore& store, const Account& account) {
    std::vector<ChatAccess> readable;
    for (ChatAccess& access : store.memberChats(account.schoolId, account.userId, kindsReadWithoutMembership())) {
        const policy::Target target = policyTarget(access.chat, access.membershipRole);
        if (policy::decide(account.subject, policy::Action::Read, target).allowed) readable.push_back(std::move(access));
    }
    return readable;
}

// A page of what the reader may see after `afterEventId`, with `reset` in front when asked and
// `me` when asked or when the profile changed since `clientProfile` (the version of the `me` the
// client holds); nullopt when it would carry no event and the log holds nothing more.
//
// A page covers the chats readable now, so a client learns of a chat it has just joined from
// that point on; the chat's events before its cursor were read while the chat was not its own.
// When the readable chats differ from those of the client's last page (`clientChats`, a digest)
// and one of them was joined after the cursor but holds earlier events, the answer is `reset`
// and a fresh snapshot, which carries that chat whole. Joining a chat with a history is rare
// (an approved request, a moved student, a newly assigned teacher), and a new chat, which has
// none, never causes it.
std::optional<std::string> readPage(ServerStore& store, const Account& signedIn, std::optional<std::int64_t> clientProfile,
                                    std::optional<std::int64_t> clientChats, std::int64_t afterEventId, int limit,
                                    bool withReset, bool forceMe, std::int64_t& lastExamined) {
    // The profile as it is now, not as it was when a long-poll began: it decides what may be
    // read. Read again only when its version moved, since this runs for every delivery.
    const std::int64_t profile = store.profileVersion(signedIn.userId);
    const Account account =
        profile == signedIn.profileVersion ? signedIn : store.account(signedIn.userId).value_or(signedIn);
    const std::vector<ChatAccess> readable = readableChats(store, account);
    std::vector<std::int64_t> chats, memberChats, channels;
    for (const ChatAccess& access : readable) {
        chats.push_back(access.chat.id);
        (access.membershipRole ? memberChats : channels).push_back(access.chat.id);
    }
    const std::int64_t chatsDigest = readableChatsDigest(chats);
    const bool profileChanged = clientProfile != account.profileVersion;
    // A channel comes with no membership to date it: it is new to the reader only when what
    // entitles them (their profile) changed, as when a person joins the staff.
    if (!withReset && clientChats && *clientChats != chatsDigest &&
        store.gainedChatWithEarlierEvents(account.schoolId, account.userId, memberChats,
                                          profileChanged ? channels : std::vector<std::int64_t>{}, afterEventId)) {
        return readPage(store, account, std::nullopt, std::nullopt, 0, limit, true, true, lastExamined);
    }
    const bool withMe = forceMe || profileChanged;
    const LogRead read = store.readLog(account.schoolId, account.userId, chats, afterEventId, limit);
    lastExamined = read.lastExamined;
    if (!withMe && read.entries.empty() && !read.more) return std::nullopt;
    SyncPageWriter writer(account.userId);
    if (withReset) writer.reset();
    if (withMe) writer.me(account);
    for (const LogEntry& entry : read.entries) writer.entry(entry);
    return writer.finish(encodeCursor({account.schoolId, read.lastExamined, account.profileVersion, chatsDigest}),
                         read.more);
}

}  // namespace

// One waiting long-poll. It reads again each time the hub wakes it; the first read with
// something to send, or the deadline, answers, and nothing after that does.
class SyncFeed::Waiter : public std::enable_shared_from_this<SyncFeed::Waiter> {
public:
    Waiter(SyncFeed& feed, Account account, const SyncCursor& cursor, int limit, std::int64_t position,
           std::shared_ptr<Exchange> exchange)
        : feed_(feed), account_(std::move(account)), clientProfile_(cursor.profileVersion),
          clientChats_(cursor.readableChats), limit_(limit), position_(position), exchange_(std::move(exchange)) {}

    // Subscribes, or reads again when an event came in the meantime. Bounded: a round follows
    // an event this reader may not see, and after kMaxRounds of them the poll answers what it has.
    void wait(std::uint64_t seenGeneration) {
        std::lock_guard<std::mutex> lock(mutex_);
        for (int round = 0; round < kMaxRounds && !done_; ++round) {
            const std::optional<PollHub::Ticket> ticket =
                feed_.hub_.subscribe(account_.userId, seenGeneration, [self = shared_from_this()] { self->wake(); });
            if (ticket) {
                ticket_ = *ticket;
                return;
            }
            seenGeneration = feed_.hub_.generation(account_.userId);
            if (readAndAnswer()) return;
        }
        if (!done_) answerEmpty();
    }

    void expire() {
        std::lock_guard<std::mutex> lock(mutex_);
        if (done_) return;
        if (ticket_) feed_.hub_.unsubscribe(*ticket_);
        answerEmpty();
    }

private:
    static constexpr int kMaxRounds = 100;

    void wake() {
        std::uint64_t generation = 0;
        {
            std::lock_guard<std::mutex> lock(mutex_);
            if (done_) return;
            ticket_.reset();
            generation = feed_.hub_.generation(account_.userId);
            if (readAndAnswer()) return;
        }
        wait(generation);
    }

    // With mutex_ held.
    bool readAndAnswer() {
        try {
            std::int64_t lastExamined = position_;
            std::optional<std::string> page =
                readPage(feed_.store_, account_, clientProfile_, clientChats_, position_, limit_, false, false, lastExamined);
            // Events nobody here may see still move the cursor, so they are not read again.
            position_ = lastExamined;
            if (!page) return false;
            done_ = true;
            exchange_->reply(pageResponse(std::move(*page)));
        } catch (const StoreFailure&) {
            // On the thread of whoever woke this poll; the client retries with backoff.
            done_ = true;
            exchange_->reply(storageFailedResponse());
        }
        return true;
    }

    void answerEmpty() {
        done_ = true;
        SyncPageWriter writer(account_.userId);
        // The client's own profile version and chats: a `me` or a chat it has not seen is still owed.
        exchange_->reply(
            pageResponse(writer.finish(encodeCursor({account_.schoolId, position_, clientProfile_, clientChats_}), false)));
    }

    SyncFeed& feed_;
    const Account account_;
    const std::optional<std::int64_t> clientProfile_;
    const std::optional<std::int64_t> clientChats_;
    const int limit_;
    std::int64_t position_;
    std::shared_ptr<Exchange> exchange_;
    std::mutex mutex_;
    std::optional<PollHub::Ticket> ticket_;
    bool done_ = false;
};

SyncFeed::SyncFeed(ServerStore& store, std::chrono::milliseconds longPoll) : store_(store), longPoll_(longPoll) {}

void SyncFeed::answer(const Account& account, const SyncQuery& query, const std::shared_ptr<Exchange>& exchange) {
    std::optional<SyncCursor> cursor;
    if (query.since) cursor = decodeCursor(*query.since);
    // The generation is taken before the log's end is read: an event committed after that read
    // changes it, and the waiter below reads again instead of sleeping through the event.
    const std::uint64_t generation = hub_.generation(account.userId);
    const std::int64_t lastEventId = store_.lastEventId(account.schoolId);
    const bool known = cursor && cursor->schoolId == account.schoolId && cursor->eventId <= lastEventId;
    std::int64_t lastExamined = 0;
    if (!known) {
        // A first sync, or a cursor to start over from: the snapshot, which never waits.
        const bool reset = query.since.has_value();
        exchange->reply(pageResponse(
            *readPage(store_, account, std::nullopt, std::nullopt, 0, query.limit, reset, true, lastExamined)));
        return;
    }
    // A client back from its last answer is mostly at the end of the log with its profile as it
    // was: nothing can be owed to it, so it waits without a page being read. Anything else owed
    // (an event, a changed profile, a chat gained) moves the log's end or the profile version.
    const bool nothingOwed = cursor->eventId == lastEventId && cursor->profileVersion &&
                             *cursor->profileVersion == store_.profileVersion(account.userId);
    lastExamined = cursor->eventId;
    if (!nothingOwed) {
        if (std::optional<std::string> page =
                readPage(store_, account, cursor->profileVersion, cursor->readableChats, cursor->eventId, query.limit,
                         false, false, lastExamined)) {
            exchange->reply(pageResponse(std::move(*page)));
            return;
        }
    }
    auto waiter = std::make_shared<Waiter>(*this, account, *cursor, query.limit, lastExamined, exchange);
    exchange->setDeadline(longPoll_, [waiter] { waiter->expire(); });
    waiter->wait(generation);
}

void SyncFeed::published(std::int64_t chatId) { hub_.notify(store_.peopleToWake(chatId, kindsReadWithoutMembership())); }

void SyncFeed::publishedToUser(std::int64_t userId) { hub_.notify({userId}); }

}  // namespace parta::server
