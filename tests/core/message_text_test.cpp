// What a message's or an edit's text may be (core/text/message_text.h): the one rule the
// Client checks before queueing and the server before storing, read as a table.
#include <gtest/gtest.h>

#include "client/client.h"
#include "text/message_text.h"

namespace parta {
namespace {

std::string repeated(const std::string& unit, std::size_t times) {
    std::string text;
    for (std::size_t i = 0; i < times; ++i) text += unit;
    return text;
}

struct TextCase {
    const char* why;
    std::string text;
    std::optional<MessageTextProblem> problem;
};

TEST(MessageText, EachTextHasTheProblemOfItsRow) {
    // why                                    text                                 problem
    const std::vector<TextCase> cases = {
        {"a word",                              "Привет",                             std::nullopt},
        {"4096 Cyrillic letters (8192 bytes)",  repeated("ж", 4096),                  std::nullopt},
        {"whitespace around a word",            "  да \n",                            std::nullopt},
        {"empty",                               "",                                   MessageTextProblem::OnlyWhitespace},
        {"spaces, tabs and newlines",           " \t\n ",                             MessageTextProblem::OnlyWhitespace},
        {"a no-break space and a BOM",          "\xC2\xA0\xEF\xBB\xBF",               MessageTextProblem::OnlyWhitespace},
        {"4097 letters",                        repeated("ж", 4097),                  MessageTextProblem::TooLong},
        {"a stray continuation byte",           "\x80",                               MessageTextProblem::NotUtf8},
        {"a lone surrogate, as from JS",        "\xED\xA0\x80",                       MessageTextProblem::NotUtf8},
        {"U+0000 inside",                       std::string("a\0b", 3),               MessageTextProblem::ContainsNul},
    };
    for (const TextCase& row : cases) EXPECT_EQ(messageTextProblem(row.text), row.problem) << row.why;
}

TEST(MessageText, TheClientRefusesWhatTheRuleRefusesWithItsCodes) {
    Client client;
    ASSERT_FALSE(client.openError().has_value());
    EXPECT_EQ(client.enqueue(1, " \n", std::nullopt, 0).error->code, ClientErrorCode::EmptyText);
    EXPECT_EQ(client.enqueue(1, repeated("ж", 4097), std::nullopt, 0).error->code, ClientErrorCode::TextTooLong);
    EXPECT_EQ(client.enqueue(1, "\x80", std::nullopt, 0).error->code, ClientErrorCode::InvalidArgument);
    EXPECT_EQ(client.enqueue(1, std::string("a\0b", 3), std::nullopt, 0).error->code, ClientErrorCode::InvalidArgument);
}

}  // namespace
}  // namespace parta
