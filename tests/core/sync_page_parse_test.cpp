// The page parser reads a page in one pass over its text (core/sync/sync_page.cpp): what that
// pass must still get right when the text is not in the order the protocol lists its fields.
#include <gtest/gtest.h>

#include <string>

#include "support/sync_fixtures.h"
#include "sync/sync_page.h"

namespace parta::sync {
namespace {

const char* const kMessageBeforeType =
    R"({"cursor": "c9", "more": false, "events": [{"message": {"id": 1100, "chatId": 9, "senderId": 3,
        "serverTime": 2, "text": "Сбор в 9:00"}, "type": "message"}]})";

TEST(SyncPageParse, APayloadBeforeItsTypeIsReadAsIfItCameAfter) {
    // Servers and databases that sort keys put "message" before "type".
    const SyncPageParse parsed = parseSyncPage(kMessageBeforeType);
    ASSERT_TRUE(parsed.ok()) << parsed.error->describe();
    ASSERT_EQ(parsed.page.events.size(), 1u);
    const auto& message = std::get<store::Message>(parsed.page.events[0]);
    EXPECT_EQ(message.id, 1100);
    EXPECT_EQ(message.text, "Сбор в 9:00");
}

TEST(SyncPageParse, AnErrorInAPayloadBeforeItsTypeNamesTheFieldInIt) {
    const SyncPageParse parsed = parseSyncPage(
        R"({"cursor": "c9", "more": false, "events": [{"message": {"id": 1100, "chatId": "9", "senderId": 3,
            "serverTime": 2, "text": "x"}, "type": "message"}]})");
    ASSERT_FALSE(parsed.ok());
    EXPECT_EQ(parsed.error->describe(), "events[0].message.chatId: expected integer");
}

TEST(SyncPageParse, AMemberNamedLikeAnotherEventTypeIsAnUnknownMemberAndIgnored) {
    for (const char* text : {
             R"({"cursor": "c9", "more": false, "events": [{"user": {"garbage": true}, "type": "chat",
                 "chat": {"id": 3, "kind": "school_channel", "title": "Школа", "createdAt": 1}}]})",
             R"({"cursor": "c9", "more": false, "events": [{"type": "chat", "user": 5,
                 "chat": {"id": 3, "kind": "school_channel", "title": "Школа", "createdAt": 1}}]})"}) {
        const SyncPageParse parsed = parseSyncPage(text);
        ASSERT_TRUE(parsed.ok()) << parsed.error->describe();
        EXPECT_EQ(std::get<store::Chat>(parsed.page.events[0]).title, "Школа");
    }
}

TEST(SyncPageParse, FieldsMayComeInAnyOrderAndTheEventsListBeforeTheCursor) {
    const SyncPageParse parsed = parseSyncPage(
        R"({"events": [{"type": "chat", "chat": {"createdAt": 1, "title": "5Б", "classId": "5B", "kind": "class_chat", "id": 3}}],
            "more": true, "cursor": "c9"})");
    ASSERT_TRUE(parsed.ok()) << parsed.error->describe();
    EXPECT_EQ(parsed.page.cursor, "c9");
    EXPECT_TRUE(parsed.page.more);
    EXPECT_EQ(std::get<store::Chat>(parsed.page.events[0]).classId, "5B");
}

TEST(SyncPageParse, UnknownMembersAreIgnoredAtAnyDepthButMayNotRepeatANameInside) {
    const std::string page = R"({"cursor": "c9", "more": false, "events": [], "future": [1, {"a": [{"b": 1}]}]})";
    EXPECT_TRUE(parseSyncPage(page).ok());
    const SyncPageParse repeated =
        parseSyncPage(R"({"cursor": "c9", "more": false, "events": [], "future": [1, {"a": [{"b": 1, "b": 2}]}]})");
    ASSERT_FALSE(repeated.ok());
    EXPECT_EQ(repeated.error->describe(), "future[1].a[0].b: expected a name that appears once in its object");
}

TEST(SyncPageParse, NestingBeyondTheLimitIsRefusedWithoutWalkingIt) {
    const std::string deep = std::string(100000, '[') + std::string(100000, ']');
    for (const std::string& text : {R"({"cursor": "c9", "more": false, "events": [], "future": )" + deep + "}",
                                    R"({"cursor": "c9", "more": false, "events": [{"message": )" + deep + R"(, "type": "message"}]})"}) {
        const SyncPageParse parsed = parseSyncPage(text);
        ASSERT_FALSE(parsed.ok());
        EXPECT_EQ(parsed.error->expected, "expected at most 32 levels of nesting");
    }
}

TEST(SyncPageParse, TheServerCopyOfASentMessageIsReadAsASyncMessageIs) {
    const auto copy = parseSentMessage(
        R"({"message": {"id": 1100, "chatId": 9, "senderId": 3, "serverTime": 2, "text": "Спасибо",
            "clientId": "3f1c2a9e-6b7d-4e10-9a2b-5c8d7e6f4a31"}, "extra": 1})");
    ASSERT_TRUE(copy);
    EXPECT_EQ(copy->clientId, "3f1c2a9e-6b7d-4e10-9a2b-5c8d7e6f4a31");
    EXPECT_FALSE(parseSentMessage(R"({"message": {"id": 1100, "chatId": 9}})"));
    EXPECT_FALSE(parseSentMessage(R"({"ok": true})"));
    EXPECT_FALSE(parseSentMessage(R"({"message": {"id": 1, "id": 2}})"));
}

}  // namespace
}  // namespace parta::sync
