#include "http/accept_encoding.h"

#include <cctype>
#include <optional>
#include <string>

namespace parta::server {

namespace {

std::string_view trimmed(std::string_view text) {
    while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
    while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
    return text;
}

bool sameWithoutCase(std::string_view a, std::string_view b) {
    if (a.size() != b.size()) return false;
    for (std::size_t i = 0; i < a.size(); ++i) {
        if (std::tolower(static_cast<unsigned char>(a[i])) != std::tolower(static_cast<unsigned char>(b[i]))) return false;
    }
    return true;
}

// The weight of one element ("gzip;q=0.5" → above zero); a q that cannot be read counts as 0,
// so a malformed element never turns a coding on.
bool weightAboveZero(std::string_view parameters) {
    while (!parameters.empty()) {
        const std::size_t semicolon = parameters.find(';');
        const std::string_view parameter = trimmed(parameters.substr(0, semicolon));
        parameters = semicolon == std::string_view::npos ? std::string_view() : parameters.substr(semicolon + 1);
        if (parameter.size() < 2 || !sameWithoutCase(parameter.substr(0, 2), "q=")) continue;
        const std::string_view value = parameter.substr(2);
        // qvalue = ( "0" [ "." 0*3DIGIT ] ) / ( "1" [ "." 0*3("0") ] ): above zero unless all zeros.
        if (value.empty() || (value[0] != '0' && value[0] != '1')) return false;
        for (const char c : value) {
            if (c != '0' && c != '.') return c >= '0' && c <= '9';
        }
        return false;
    }
    return true;
}

}  // namespace

bool acceptsEncoding(std::string_view header, std::string_view coding) {
    std::optional<bool> named;
    std::optional<bool> wildcard;
    while (!header.empty()) {
        const std::size_t comma = header.find(',');
        const std::string_view element = header.substr(0, comma);
        header = comma == std::string_view::npos ? std::string_view() : header.substr(comma + 1);
        const std::size_t semicolon = element.find(';');
        const std::string_view name = trimmed(element.substr(0, semicolon));
        const bool allowed = semicolon == std::string_view::npos || weightAboveZero(element.substr(semicolon + 1));
        // RFC 9110 §8.4.1.3: a recipient should take "x-gzip" for "gzip".
        const bool namesCoding = sameWithoutCase(name, coding) || (sameWithoutCase(coding, "gzip") && sameWithoutCase(name, "x-gzip"));
        if (namesCoding) named = allowed;
        if (name == "*") wildcard = allowed;
    }
    if (named) return *named;
    return wildcard.value_or(false);
}

}  // namespace parta::server
