#include "text/search_folding.h"

namespace parta::text {

namespace {

// UTF-8: ё U+0451 = D1 91, е U+0435 = D0 B5, Ё U+0401 = D0 81, Е U+0415 = D0 95. Two-byte
// sequences with distinct lead or trail bytes, so a byte scan cannot match across characters.
constexpr char kLowerYo[] = "\xD1\x91";
constexpr char kLowerYe[] = "\xD0\xB5";
constexpr char kUpperYo[] = "\xD0\x81";
constexpr char kUpperYe[] = "\xD0\x95";

}  // namespace

std::string foldForSearch(std::string_view text) {
    std::string folded;
    folded.reserve(text.size());
    for (std::size_t i = 0; i < text.size(); ++i) {
        const std::string_view rest = text.substr(i, 2);
        if (rest == kLowerYo) {
            folded += kLowerYe;
            ++i;
        } else if (rest == kUpperYo) {
            folded += kUpperYe;
            ++i;
        } else {
            folded += text[i];
        }
    }
    return folded;
}

}  // namespace parta::text
