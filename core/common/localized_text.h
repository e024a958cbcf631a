#pragma once

#include <string_view>

namespace parta {

// Users read Russian first; English is the second UI language (brief: "keep the UI in
// Russian and English"). Every sentence a user can see is carried in both.
enum class Locale { Russian, English };

struct LocalizedText {
    std::string_view ru;
    std::string_view en;

    std::string_view in(Locale locale) const { return locale == Locale::English ? en : ru; }
};

// Unknown locale tags fall back to Russian, the language of the regulations and of most users.
inline Locale localeFromTag(std::string_view tag) {
    return tag.substr(0, 2) == "en" ? Locale::English : Locale::Russian;
}

}  // namespace parta
