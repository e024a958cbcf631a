#pragma once

#include <string>
#include <string_view>

namespace parta::text {

// Folds what FTS5's unicode61 tokenizer leaves apart but Russian readers treat as one
// letter: ё and е (Ё and Е). Case and Latin diacritics are folded by the tokenizer itself.
// Must stay identical to the replace() calls in store/migrations/0002_message_search.sql,
// which fold the indexed text the same way.
std::string foldForSearch(std::string_view text);

}  // namespace parta::text
