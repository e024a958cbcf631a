// Whom a chat names (Client::people): what the page shows beside each message and in the
// member list. Names come from the synced user records, never from the page.
#include <gtest/gtest.h>

#include "client/client.h"
#include "client/client_json.h"
#include "support/sync_fixtures.h"

namespace parta {
namespace {

using nlohmann::json;
using testing::chatEvent;
using testing::meEvent;
using testing::membershipEvent;
using testing::messageEvent;
using testing::page;
using testing::userEvent;

constexpr std::int64_t kMe = 7;
constexpr std::int64_t kParentsChat = 10;
constexpr std::int64_t kOtherChat = 11;

json schoolPage() {
    return page("c1", json::array({
                          meEvent(kMe),
                          userEvent(kMe, "Елена Иванова"),
                          userEvent(3, "Марина Кузнецова", "teacher"),
                          userEvent(5, "Олег Петров"),
                          userEvent(9, "Ирина Новикова"),
                          chatEvent(kParentsChat, "Родители 5А", "parents_chat", "5A"),
                          chatEvent(kOtherChat, "Родители 5Б", "parents_chat", "5B"),
                          membershipEvent(kParentsChat, kMe, "member"),
                          membershipEvent(kParentsChat, 3, "owner"),
                          membershipEvent(kOtherChat, 9, "member"),
                          messageEvent(100, kParentsChat, 5, "Я ухожу из чата"),
                      }));
}

TEST(ClientPeople, AChatNamesItsMembersAndTheSendersWhoLeftByName) {
    Client client;
    ASSERT_TRUE(client.applySync(schoolPage().dump(), 0).ok());
    const Result<std::vector<store::ChatPerson>> people = client.people(kParentsChat);
    ASSERT_TRUE(people.ok());
    ASSERT_EQ(people.value.size(), 3u);
    EXPECT_EQ(people.value[0].name, "Елена Иванова");
    EXPECT_EQ(people.value[0].chatRole, "member");
    EXPECT_EQ(people.value[1].name, "Марина Кузнецова");
    EXPECT_EQ(people.value[1].schoolRole, "teacher");
    EXPECT_EQ(people.value[1].chatRole, "owner");
    // Олег wrote here but is no member: named beside his message, with no role in the chat.
    EXPECT_EQ(people.value[2].userId, 5);
    EXPECT_EQ(people.value[2].chatRole, "");
}

TEST(ClientPeople, NobodyOfAnotherChatIsNamed) {
    Client client;
    ASSERT_TRUE(client.applySync(schoolPage().dump(), 0).ok());
    for (const store::ChatPerson& person : client.people(kParentsChat).value) EXPECT_NE(person.userId, 9);
}

TEST(ClientPeople, AChatNotOnTheDeviceIsUnknown) {
    Client client;
    ASSERT_TRUE(client.applySync(schoolPage().dump(), 0).ok());
    const Result<std::vector<store::ChatPerson>> people = client.people(99);
    ASSERT_FALSE(people.ok());
    EXPECT_EQ(errorCode(people.error->code), "UNKNOWN_CHAT");
}

TEST(ClientPeople, TheJsonFaceGivesIdsAsStringsAndNoChatRoleAsNull) {
    ClientJson client{""};
    ASSERT_EQ(json::parse(client.applySync(schoolPage().dump(), 0)).at("ok"), true);
    const json people = json::parse(client.people(std::to_string(kParentsChat)));
    ASSERT_EQ(people.at("ok"), true);
    EXPECT_EQ(people.at("value").at(1),
              (json{{"userId", "3"}, {"name", "Марина Кузнецова"}, {"schoolRole", "teacher"}, {"chatRole", "owner"}}));
    EXPECT_TRUE(people.at("value").at(2).at("chatRole").is_null());
    EXPECT_EQ(json::parse(client.people("ten")).at("error"), "INVALID_ARGUMENT");
}

}  // namespace
}  // namespace parta
