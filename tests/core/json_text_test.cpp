// The direct JSON writer of the row-carrying answers: its text must parse back to exactly what
// was written, whatever the text holds.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

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

}  // namespace
}  // namespace parta
