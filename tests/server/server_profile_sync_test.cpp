// `me` in sync follows the profile (docs/protocol.md): it comes on a first page, and again on
// the next page after anything it says changed — a role, a class, a child — and not otherwise,
// so a long-poll answer stays small.
#include <gtest/gtest.h>

#include "server/support/school_fixture.h"

namespace parta::testing {
namespace {

using ProfileSyncTest = SchoolFixture;

std::vector<nlohmann::json> mes(const nlohmann::json& events) {
    std::vector<nlohmann::json> found;
    for (const nlohmann::json& event : events) {
        if (event["type"] == "me") found.push_back(event["me"]);
    }
    return found;
}

TEST_F(ProfileSyncTest, AnUnchangedProfileIsNotSentAgain) {
    HttpClient mother = signedIn(parent);
    const Synced first = syncAll(mother);
    EXPECT_EQ(mes(first.events).size(), 1u);
    HttpClient teacher = signedIn(classTeacher);
    ASSERT_EQ(send(teacher, parentsChat, "Собрание в четверг").status, 201);
    const Synced next = syncAll(mother, first.cursor);
    EXPECT_FALSE(next.events.empty());
    EXPECT_TRUE(mes(next.events).empty()) << next.events.dump();
}

TEST_F(ProfileSyncTest, AChangedProfileComesWithTheNextPage) {
    HttpClient mother = signedIn(parent);
    const Synced first = syncAll(mother);
    ASSERT_EQ(mes(first.events)[0]["children"].size(), 1u);
    // The child's account goes (001 §4.1.2), and with it the parent's link to the child.
    HttpClient child = signedIn(student);
    ASSERT_EQ(child.request("DELETE", "/api/v1/account", nlohmann::json{{"password", kPassword}}.dump()).status, 204);
    const Synced next = syncAll(mother, first.cursor);
    const std::vector<nlohmann::json> changed = mes(next.events);
    ASSERT_EQ(changed.size(), 1u) << next.events.dump();
    EXPECT_TRUE(changed[0]["children"].empty());
    // Sent once: the page after that has no `me` again.
    HttpClient teacher = signedIn(classTeacher);
    ASSERT_EQ(send(teacher, parentsChat, "Спасибо всем").status, 201);
    EXPECT_TRUE(mes(syncAll(mother, next.cursor).events).empty());
}

TEST_F(ProfileSyncTest, ACursorFromBeforeProfileVersionsResumesWithTheProfile) {
    HttpClient pupil = signedIn(student);
    const Synced first = syncAll(pupil);
    // "v1-<school>-<event>": where the cursor was, without the profile and the chats it had.
    const std::string withoutChats = first.cursor.substr(0, first.cursor.rfind('-'));
    const std::string oldStyle = withoutChats.substr(0, withoutChats.rfind('-'));
    const HttpAnswer answer = pupil.get("/api/v1/sync?since=" + oldStyle + "&limit=100");
    ASSERT_EQ(answer.status, 200);
    const nlohmann::json page = answer.json();
    EXPECT_EQ(mes(page["events"]).size(), 1u) << answer.body;
    for (const nlohmann::json& event : page["events"]) EXPECT_NE(event["type"], "reset") << "an old cursor was reset";
}

}  // namespace
}  // namespace parta::testing
