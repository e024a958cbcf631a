// The direct JSON writer of the row-carrying answers: its text must parse back to exactly what
// was written, whatever the text holds.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include <cstdint>
#include <string>

#include "client/json_text.h"

namespace parta {
namespace {

TEST(JsonText, NestedObjectsAndArraysGetTheirCommas) {
    JsonText out;
    out.beginObject().key("ok").boolean(true).key("value").beginArray();
    out.beginObject().key("id").string("1").key("poll").null().key("tags").beginArray().endArray().endObject();
    out.beginObject().key("id").string("2").key("n").number(-9007199254740993).endObject();
    out.endArray().endObject();
    EXPECT_EQ(out.text(),
              R"({"ok":true,"value":[{"id":"1","poll":null,"tags":[]},{"id":"2","n":-9007199254740993}]})");
}

TEST(JsonText, EscapesQuotesBackslashesAndControlCharactersAndKeepsUtf8) {
    const std::string tricky = std::string("«Ёлка» \"в\" 5\\А\n\t\x01\x1f конец") + '\0' + "!";
    JsonText out;
    out.beginArray().string(tricky).endArray();
    const nlohmann::json parsed = nlohmann::json::parse(out.text());
    EXPECT_EQ(parsed.at(0).get<std::string>(), tricky);
    EXPECT_NE(out.text().find("«Ёлка»"), std::string::npos);
}

TEST(JsonText, DecimalStringsAndNumbersCoverTheWholeInt64Range) {
    JsonText out;
    out.beginArray().decimalString(INT64_MIN).decimalString(0).number(INT64_MAX).number(INT64_MIN).endArray();
    EXPECT_EQ(out.text(), R"(["-9223372036854775808","0",9223372036854775807,-9223372036854775808])");
}

TEST(JsonText, EscapedBytesAtTheEdgesOfATextKeepTheRunsBetweenThem) {
    for (const std::string& text : {std::string("\"\""), std::string("\nab\n"), std::string("a\"b\"c"), std::string()}) {
        JsonText out;
        out.beginArray().string(text).endArray();
        EXPECT_EQ(nlohmann::json::parse(out.text()).at(0).get<std::string>(), text) << out.text();
    }
}

}  // namespace
}  // namespace parta
