// The merge is a function of the set of events (docs/protocol.md, "Merge rules"), checked on
// random event streams: the visible state (support/visible_state.h) is the same for the stream
// applied as one page, cut into pages anywhere, applied twice, and with its events reordered.
//
// A stream is what a server would send about a small school: messages, copies of them (each a
// snapshot of the message at some moment), edits, deletions, votes, read positions, membership
// changes and resets, each reset followed by a full snapshot. As the server does, it sends nothing
// of a chat the reader has left (membershipRemoved of the reader) and brings such a chat back
// with a reset and a snapshot. Reordering keeps the server order where the protocol gives no
// other: events about the school's structure (me, users, chats, memberships) and one user's
// successive votes in one poll. Everything about a message's content may arrive in any order,
// except across a reset or the reader's removal: what came before either is forgotten by it.
//
// Seeds 1..PARTA_PROPERTY_SEEDS (default 50) run; a failure prints its seed, and
// PARTA_PROPERTY_SEED=N replays that one alone.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdlib>
#include <map>
#include <optional>
#include <random>
#include <set>
#include <string>
#include <vector>

#include "client/client.h"
#include "support/sync_fixtures.h"
#include "support/visible_state.h"

namespace parta {
namespace {

using nlohmann::json;

constexpr std::int64_t kMe = 1;
constexpr std::int64_t kUsers = 5;
constexpr std::int64_t kChats = 3;
// The one chat the reader (a parent) reads without being a member.
constexpr std::int64_t kSchoolChannel = 3;
const std::vector<std::string> kWords = {"экскурсия", "ёлка", "собрание", "контрольная", "дневник",
                                         "пятница", "обувь", "музей", "автобус"};
// What the visible state searches for: whole words, е for ё, and prefixes.
const std::vector<std::string> kSearchWords = {"экскурсия", "елка", "собр", "контрольная", "пятн", "музей"};

// One message as the server holds it, with every text it has had.
struct ServerMessage {
    json copy;  // the fields every copy carries unchanged: ids, sender, time, reply, pin, details
    std::vector<std::pair<std::optional<std::int64_t>, std::string>> versions;  // (editedAt, text)
    bool deleted = false;
    bool hasPoll = false;
};

// How an event may move when the stream is reordered.
enum class Order { Free, Structure, OneUsersVotes };

struct Event {
    json body;
    Order order = Order::Free;
    std::string orderKey;  // events of one key keep their relative order
    // A reset, or the reader's removal from a chat: no event moves across it.
    bool barrier = false;
};

class StreamGenerator {
public:
    explicit StreamGenerator(std::uint64_t seed) : random_(seed) {}

    std::vector<Event> generate() {
        structure();
        const int steps = between(20, 120);
        for (int step = 0; step < steps; ++step) {
            const int choice = between(0, 99);
            if (choice < 28) newMessage();
            else if (choice < 44) copyOfAMessage();
            else if (choice < 60) editAMessage();
            else if (choice < 68) deleteAMessage();
            else if (choice < 82) vote();
            else if (choice < 88) readPosition();
            else if (choice < 95) changeAMembership();
            else if (choice < 97) resetAndSnapshot();
        }
        return events_;
    }

private:
    int between(int low, int high) { return std::uniform_int_distribution<int>(low, high)(random_); }
    bool chance(int percent) { return between(0, 99) < percent; }

    std::string words() {
        std::string text;
        for (int i = between(1, 4); i > 0; --i) {
            if (!text.empty()) text += ' ';
            text += kWords[between(0, static_cast<int>(kWords.size()) - 1)];
        }
        return text;
    }

    std::string uuid() {
        static const char* const kHex = "0123456789abcdef";
        std::string id;
        for (int i = 0; i < 32; ++i) {
            if (i == 8 || i == 12 || i == 16 || i == 20) id += '-';
            id += kHex[between(0, 15)];
        }
        return id;
    }

    void emit(json body, Order order = Order::Free, std::string orderKey = "") {
        events_.push_back({std::move(body), order, std::move(orderKey), false});
    }

    // Whether the server sends the reader the chat's events: while a member, or by role.
    bool delivered(std::int64_t chatId) const { return roles_.count(chatId) != 0 || chatId == kSchoolChannel; }

    // An event about a message in `chatId`: it happens on the server whether or not the reader
    // gets it, and a later snapshot carries its effect.
    void emitAbout(std::int64_t chatId, json body, Order order = Order::Free, std::string orderKey = "") {
        if (delivered(chatId)) emit(std::move(body), order, std::move(orderKey));
    }

    void structureEvent(json body) { emit(std::move(body), Order::Structure, "structure"); }

    void membership(std::int64_t chatId) {
        static const char* const kRoles[] = {"member", "readonly", "moderator"};
        roles_[chatId] = kRoles[between(0, 2)];
        structureEvent(testing::membershipEvent(chatId, kMe, roles_[chatId]));
    }

    void structure() {
        structureEvent(testing::meEvent(json{{"userId", kMe}, {"roles", {"parent"}},
                                             {"children", {{{"userId", 20}, {"classId", "5A"}}}}}));
        for (std::int64_t user = 1; user <= kUsers; ++user) {
            structureEvent(testing::userEvent(user, "Участник " + std::to_string(user), user == 2 ? "teacher" : "parent"));
        }
        structureEvent(testing::chatEvent(1, "5А", "class_chat", "5A"));
        structureEvent(testing::chatEvent(2, "Родители 5А", "parents_chat", "5A"));
        structureEvent(testing::chatEvent(kSchoolChannel, "Общешкольный канал", "school_channel", ""));
        for (std::int64_t chat = 1; chat <= kChats; ++chat) membership(chat);
    }

    json copyOf(const ServerMessage& message, std::size_t version) const {
        json copy = message.copy;
        copy["text"] = message.versions[version].second;
        if (message.versions[version].first) copy["editedAt"] = *message.versions[version].first;
        if (message.deleted) {
            copy["deleted"] = true;
            copy["text"] = "";
            copy.erase("editedAt");
            copy.erase("attachments");
            copy.erase("poll");
        }
        return copy;
    }

    ServerMessage* anyMessage() {
        if (messages_.empty()) return nullptr;
        auto it = messages_.begin();
        std::advance(it, between(0, static_cast<int>(messages_.size()) - 1));
        return &it->second;
    }

    void newMessage() {
        nextId_ += between(1, 3);
        const std::int64_t sender = between(1, static_cast<int>(kUsers));
        ServerMessage message;
        message.copy = {{"id", nextId_}, {"chatId", between(1, static_cast<int>(kChats))}, {"senderId", sender},
                        {"serverTime", 1700000000000 + nextId_ * 1000}};
        if (!messages_.empty() && chance(20)) message.copy["replyTo"] = anyMessage()->copy["id"];
        if (chance(10)) message.copy["pinned"] = true;
        if (sender == kMe && chance(50)) message.copy["clientId"] = uuid();
        if (chance(20)) {
            message.copy["attachments"] = {{{"id", nextId_ * 10}, {"name", "файл.pdf"}, {"mimeType", "application/pdf"},
                                            {"sizeBytes", between(0, 100000)}}};
        }
        if (chance(20)) {
            message.hasPoll = true;
            message.copy["poll"] = {{"question", words()}, {"multipleChoice", chance(50)},
                                    {"options", {{{"id", 1}, {"text", "Да"}}, {{"id", 2}, {"text", "Нет"}},
                                                 {{"id", 3}, {"text", "Не знаю"}}}}};
        }
        message.versions.push_back({std::nullopt, words()});
        auto& stored = messages_[nextId_] = std::move(message);
        // Some messages never reach this client: only their edits, deletion or votes do.
        if (!chance(10)) emitAbout(stored.copy["chatId"], testing::messageEvent(copyOf(stored, 0)));
    }

    void copyOfAMessage() {
        if (ServerMessage* message = anyMessage()) {
            emitAbout(message->copy["chatId"], testing::messageEvent(copyOf(*message, message->versions.size() - 1)));
        }
    }

    void editAMessage() {
        ServerMessage* message = anyMessage();
        if (!message || message->deleted) return;
        clock_ += between(1, 1000);
        message->versions.push_back({clock_, words()});
        emitAbout(message->copy["chatId"],
                  {{"type", "messageEdited"},
                   {"messageEdited", {{"id", message->copy["id"]}, {"chatId", message->copy["chatId"]},
                                      {"text", message->versions.back().second}, {"editedAt", clock_}}}});
    }

    void deleteAMessage() {
        ServerMessage* message = anyMessage();
        if (!message) return;
        message->deleted = true;
        emitAbout(message->copy["chatId"],
                  {{"type", "messageDeleted"},
                   {"messageDeleted", {{"id", message->copy["id"]}, {"chatId", message->copy["chatId"]}}}});
    }

    void vote() {
        std::vector<ServerMessage*> polls;
        for (auto& [id, message] : messages_) {
            if (message.hasPoll) polls.push_back(&message);
        }
        if (polls.empty()) return;
        const ServerMessage& poll = *polls[between(0, static_cast<int>(polls.size()) - 1)];
        const std::int64_t user = between(1, static_cast<int>(kUsers));
        std::vector<std::int64_t> options;
        for (std::int64_t option = 1; option <= 3; ++option) {
            if (chance(40)) options.push_back(option);
        }
        const std::int64_t messageId = poll.copy["id"];
        votes_[{messageId, user}] = options;
        emitAbout(poll.copy["chatId"],
                  {{"type", "pollVotes"}, {"pollVotes", {{"messageId", messageId}, {"userId", user}, {"optionIds", options}}}},
                  Order::OneUsersVotes, std::to_string(messageId) + "/" + std::to_string(user));
    }

    void readPosition() {
        const ServerMessage* message = anyMessage();
        if (!message) return;
        const std::int64_t chatId = message->copy["chatId"];
        const std::int64_t id = message->copy["id"];
        readUpTo_[chatId] = std::max(readUpTo_[chatId], id);
        emitAbout(chatId, {{"type", "readState"}, {"readState", {{"chatId", chatId}, {"lastReadId", id}}}});
    }

    void changeAMembership() {
        const std::int64_t chatId = between(1, static_cast<int>(kChats));
        if (chance(25)) {
            roles_.erase(chatId);
            events_.push_back({{{"type", "membershipRemoved"}, {"membershipRemoved", {{"chatId", chatId}, {"userId", kMe}}}},
                               Order::Structure, "structure", true});
        } else if (!delivered(chatId)) {
            // Back in a chat with history from before the cursor: the server answers with a reset.
            resetAndSnapshot();
        } else {
            membership(chatId);
        }
    }

    // The cursor is too old, or the reader is back in a chat with history: the server sends
    // `reset` and then everything as it is now.
    void resetAndSnapshot() {
        events_.push_back({{{"type", "reset"}}, Order::Structure, "structure", true});
        structure();
        for (const auto& [id, message] : messages_) emit(testing::messageEvent(copyOf(message, message.versions.size() - 1)));
        for (const auto& [key, options] : votes_) {
            emit({{"type", "pollVotes"}, {"pollVotes", {{"messageId", key.first}, {"userId", key.second}, {"optionIds", options}}}},
                 Order::OneUsersVotes, std::to_string(key.first) + "/" + std::to_string(key.second));
        }
        for (const auto& [chatId, id] : readUpTo_) {
            emit({{"type", "readState"}, {"readState", {{"chatId", chatId}, {"lastReadId", id}}}});
        }
    }

    std::mt19937_64 random_;
    std::vector<Event> events_;
    std::map<std::int64_t, ServerMessage> messages_;
    std::map<std::pair<std::int64_t, std::int64_t>, std::vector<std::int64_t>> votes_;
    std::map<std::int64_t, std::int64_t> readUpTo_;
    std::map<std::int64_t, std::string> roles_;
    std::int64_t nextId_ = 1000;
    std::int64_t clock_ = 1700001000000;
};

// A random order of the events that keeps every barrier where it is, and within each stretch
// between barriers keeps the relative order of events that share an order key.
std::vector<Event> reorder(const std::vector<Event>& events, std::mt19937_64& random) {
    std::vector<Event> result;
    std::size_t start = 0;
    while (start < events.size()) {
        std::size_t end = start;
        while (end < events.size() && (end == start || !events[end].barrier)) ++end;
        std::vector<std::size_t> order;
        for (std::size_t i = start; i < end; ++i) order.push_back(i);
        // A barrier opens its stretch and stays first in it.
        const std::size_t fixed = events[start].barrier ? 1 : 0;
        std::shuffle(order.begin() + static_cast<std::ptrdiff_t>(fixed), order.end(), random);
        // Events of one key go back into the places the shuffle gave the key, in server order.
        std::map<std::string, std::vector<std::size_t>> slotsByKey;
        for (std::size_t slot = 0; slot < order.size(); ++slot) {
            if (events[order[slot]].order != Order::Free) slotsByKey[events[order[slot]].orderKey].push_back(slot);
        }
        for (auto& [key, slots] : slotsByKey) {
            std::vector<std::size_t> members;
            for (const std::size_t slot : slots) members.push_back(order[slot]);
            std::sort(members.begin(), members.end());
            for (std::size_t i = 0; i < slots.size(); ++i) order[slots[i]] = members[i];
        }
        for (const std::size_t index : order) result.push_back(events[index]);
        start = end;
    }
    return result;
}

json bodies(const std::vector<Event>& events, std::size_t from, std::size_t to) {
    json list = json::array();
    for (std::size_t i = from; i < to; ++i) list.push_back(events[i].body);
    return list;
}

// The events cut into pages at random places; the last page carries the final cursor.
std::vector<std::string> randomPages(const std::vector<Event>& events, std::mt19937_64& random) {
    std::vector<std::string> pages;
    std::size_t start = 0;
    while (start < events.size()) {
        const std::size_t size = std::uniform_int_distribution<std::size_t>(1, 12)(random);
        const std::size_t end = std::min(events.size(), start + size);
        const bool last = end == events.size();
        pages.push_back(testing::page(last ? "end" : "c" + std::to_string(start), bodies(events, start, end), !last).dump());
        start = end;
    }
    return pages;
}

std::string onePage(const std::vector<Event>& events) {
    return testing::page("end", bodies(events, 0, events.size())).dump();
}

// A device that holds a draft and an unsent message besides what sync brings.
class Device {
public:
    Device() {
        EXPECT_TRUE(client.setDraft(1, "черновик про собрание").ok());
    }

    void apply(const std::string& page) {
        const auto applied = client.applySync(page, 0);
        ASSERT_TRUE(applied.ok()) << applied.error->detail;
    }

    // Queues a message in the first chat listed first, so that the outbox is part of the state.
    std::string state() {
        const auto chats = client.chats();
        if (chats.ok() && !chats.value.empty()) {
            EXPECT_TRUE(client.enqueue(chats.value[0].chat.id, "Спасибо", std::nullopt, 5).ok());
        }
        return testing::visibleState(client, kSearchWords);
    }

    Client client;
};

// The first line where two states differ, with a little context, instead of two whole dumps.
std::string firstDifference(const std::string& expected, const std::string& actual) {
    std::size_t at = 0;
    while (at < expected.size() && at < actual.size() && expected[at] == actual[at]) ++at;
    const std::size_t from = at < 300 ? 0 : at - 300;
    return "expected …" + expected.substr(from, 600) + "…\n  actual …" + actual.substr(from, 600) + "…";
}

std::vector<std::uint64_t> seeds() {
    if (const char* one = std::getenv("PARTA_PROPERTY_SEED")) return {std::strtoull(one, nullptr, 10)};
    const char* count = std::getenv("PARTA_PROPERTY_SEEDS");
    const std::uint64_t seedCount = count ? std::strtoull(count, nullptr, 10) : 50;
    std::vector<std::uint64_t> all;
    for (std::uint64_t seed = 1; seed <= seedCount; ++seed) all.push_back(seed);
    return all;
}

TEST(SyncMergeProperty, AnyPageSplitLeavesWhatOnePageLeaves) {
    for (const std::uint64_t seed : seeds()) {
        SCOPED_TRACE("seed " + std::to_string(seed) + " (replay: PARTA_PROPERTY_SEED=" + std::to_string(seed) + ")");
        const std::vector<Event> events = StreamGenerator(seed).generate();
        std::mt19937_64 random(seed);
        Device whole;
        whole.apply(onePage(events));
        Device split;
        for (const std::string& page : randomPages(events, random)) split.apply(page);
        const std::string expected = whole.state();
        const std::string actual = split.state();
        ASSERT_EQ(expected == actual, true) << firstDifference(expected, actual);
    }
}

TEST(SyncMergeProperty, APageAppliedTwiceLeavesWhatItLeftOnce) {
    for (const std::uint64_t seed : seeds()) {
        SCOPED_TRACE("seed " + std::to_string(seed) + " (replay: PARTA_PROPERTY_SEED=" + std::to_string(seed) + ")");
        // Reordered, so that changes arrive before their messages, as they may.
        std::mt19937_64 random(seed);
        const std::vector<Event> events = reorder(StreamGenerator(seed).generate(), random);
        Device once;
        once.apply(onePage(events));
        Device twice;
        twice.apply(onePage(events));
        twice.apply(onePage(events));
        const std::string expected = once.state();
        const std::string actual = twice.state();
        ASSERT_EQ(expected == actual, true) << firstDifference(expected, actual);
    }
}

TEST(SyncMergeProperty, AnyOrderOfTheEventsAboutEachMessageLeavesWhatTheServerOrderLeaves) {
    for (const std::uint64_t seed : seeds()) {
        SCOPED_TRACE("seed " + std::to_string(seed) + " (replay: PARTA_PROPERTY_SEED=" + std::to_string(seed) + ")");
        const std::vector<Event> events = StreamGenerator(seed).generate();
        std::mt19937_64 random(seed);
        Device serverOrder;
        serverOrder.apply(onePage(events));
        const std::vector<Event> reordered = reorder(events, random);
        Device onePageReordered;
        onePageReordered.apply(onePage(reordered));
        // Reordered and cut into pages: what waits for its message crosses transactions.
        Device pagesReordered;
        for (const std::string& page : randomPages(reordered, random)) pagesReordered.apply(page);
        const std::string expected = serverOrder.state();
        const std::string reorderedState = onePageReordered.state();
        ASSERT_EQ(expected == reorderedState, true) << firstDifference(expected, reorderedState);
        const std::string pagesState = pagesReordered.state();
        ASSERT_EQ(expected == pagesState, true) << firstDifference(expected, pagesState);
    }
}

}  // namespace
}  // namespace parta
