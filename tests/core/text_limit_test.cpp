// The message text limit is 4096 characters, Unicode code points and not bytes
// (docs/protocol.md, "Limits"): a Russian message of 4096 letters is 8192 bytes of UTF-8 and
// must pass every check that a Latin one passes, on the way out and on the way in.
#include <gtest/gtest.h>

#include "client/client.h"
#include "support/sync_fixtures.h"

namespace parta {
namespace {

using testing::page;

// `letters` two-byte Cyrillic letters.
std::string cyrillic(std::size_t letters) {
    std::string text;
    for (std::size_t i = 0; i < letters; ++i) text += "ж";
    return text;
}

nlohmann::json edit(std::int64_t id, const std::string& text) {
    return {{"type", "messageEdited"},
            {"messageEdited", {{"id", id}, {"chatId", 1}, {"text", text}, {"editedAt", 1700000500000}}}};
}

class TextLimit : public ::testing::Test {
protected:
    void SetUp() override {
        ASSERT_EQ(cyrillic(4096).size(), 8192u);
        const auto events = nlohmann::json::array(
            {testing::meEvent(7), testing::chatEvent(1, "5Б"), testing::messageEvent(100, 1, 8, "Привет")});
        ASSERT_TRUE(client.applySync(page("c1", events).dump(), 0).ok());
    }

    std::string lastText() { return client.messages(1, {}).value.back().text; }

    Client client;
};

TEST_F(TextLimit, EnqueueAcceptsFourThousandNinetySixCyrillicLettersAndRefusesOneMore) {
    const auto accepted = client.enqueue(1, cyrillic(4096), std::nullopt, 1000);
    ASSERT_TRUE(accepted.ok()) << errorCode(accepted.error->code);
    EXPECT_EQ(client.outbox().value.at(0).text, cyrillic(4096));

    const auto refused = client.enqueue(1, cyrillic(4097), std::nullopt, 1000);
    ASSERT_FALSE(refused.ok());
    EXPECT_EQ(errorCode(refused.error->code), "TEXT_TOO_LONG");
    EXPECT_EQ(client.outbox().value.size(), 1u);
}

TEST_F(TextLimit, EditingAnUnsentMessageAcceptsTheLimitInCyrillicAndRefusesOneLetterMore) {
    const std::string clientId = client.enqueue(1, "Черновик", std::nullopt, 1000).value;
    const auto accepted = client.editUnsent(clientId, cyrillic(4096), 2000);
    ASSERT_TRUE(accepted.ok()) << errorCode(accepted.error->code);

    const auto refused = client.editUnsent(clientId, cyrillic(4097), 3000);
    ASSERT_FALSE(refused.ok());
    EXPECT_EQ(errorCode(refused.error->code), "TEXT_TOO_LONG");
    EXPECT_EQ(client.outbox().value.at(0).text, cyrillic(4096));
}

TEST_F(TextLimit, SyncAcceptsAMessageOfTheLimitInCyrillicAndRefusesOneLetterMoreNamingTheField) {
    const auto atLimit = nlohmann::json::array({testing::messageEvent(101, 1, 8, cyrillic(4096))});
    const auto accepted = client.applySync(page("c2", atLimit).dump(), 1000);
    ASSERT_TRUE(accepted.ok()) << accepted.error->detail;
    EXPECT_EQ(lastText(), cyrillic(4096));

    const auto overLimit = nlohmann::json::array(
        {testing::messageEvent(102, 1, 8, "Спасибо"), testing::messageEvent(103, 1, 8, cyrillic(4097))});
    const auto refused = client.applySync(page("c3", overLimit).dump(), 2000);
    ASSERT_FALSE(refused.ok());
    EXPECT_EQ(errorCode(refused.error->code), "BAD_SYNC_PAGE");
    EXPECT_EQ(refused.error->detail, "events[1].message.text: expected 0 to 4096 characters");
    EXPECT_EQ(lastText(), cyrillic(4096));
}

TEST_F(TextLimit, SyncAcceptsAnEditOfTheLimitInCyrillicAndRefusesOneLetterMoreNamingTheField) {
    const auto accepted = client.applySync(page("c2", nlohmann::json::array({edit(100, cyrillic(4096))})).dump(), 1000);
    ASSERT_TRUE(accepted.ok()) << accepted.error->detail;
    EXPECT_EQ(lastText(), cyrillic(4096));

    const auto overLimit = nlohmann::json::array({testing::messageEvent(101, 1, 8, "Спасибо"), edit(100, cyrillic(4097))});
    const auto refused = client.applySync(page("c3", overLimit).dump(), 2000);
    ASSERT_FALSE(refused.ok());
    EXPECT_EQ(errorCode(refused.error->code), "BAD_SYNC_PAGE");
    EXPECT_EQ(refused.error->detail, "events[1].messageEdited.text: expected 0 to 4096 characters");
    EXPECT_EQ(lastText(), cyrillic(4096));
}

// A JS string with a lone surrogate reaches core as bytes that are not UTF-8 (ED A0 BD). JSON
// cannot carry them, so queuing one would leave an item no request could ever be built for.
TEST_F(TextLimit, TextThatIsNotUtf8IsRefusedAndTheOutboxGoesOnSending) {
    for (const std::string& broken : {std::string("Привет \xED\xA0\xBD"), std::string(10000, '\x80'),
                                      std::string("\xC0\xAF")}) {
        const auto queued = client.enqueue(1, broken, std::nullopt, 1);
        ASSERT_FALSE(queued.ok());
        EXPECT_EQ(errorCode(queued.error->code), "INVALID_ARGUMENT");
        EXPECT_EQ(queued.error->detail, "text: expected UTF-8");
        EXPECT_FALSE(client.setDraft(1, broken).ok());
    }
    ASSERT_TRUE(client.enqueue(1, "Спасибо", std::nullopt, 1).ok());
    EXPECT_EQ(client.outbox().value.size(), 1u);
    EXPECT_NO_THROW(client.nextRequest(2));
}

}  // namespace
}  // namespace parta
