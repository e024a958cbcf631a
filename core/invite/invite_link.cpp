#include "invite/invite_link.h"

#include <algorithm>
#include <cctype>
#include <optional>

#include "text/utf8.h"

namespace parta::invite {

namespace {

constexpr std::string_view kJoinSegment = "join";
constexpr std::string_view kInviteParameter = "invite";

char lowerAscii(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }

std::string lowerAscii(std::string_view text) {
    std::string lowered(text);
    std::transform(lowered.begin(), lowered.end(), lowered.begin(),
                   [](char c) { return lowerAscii(c); });
    return lowered;
}

bool equalsIgnoringCase(std::string_view a, std::string_view b) {
    return a.size() == b.size() && lowerAscii(a) == lowerAscii(b);
}

int hexValue(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    c = lowerAscii(c);
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    return -1;
}

// Decodes %XX escapes exactly once ("%2541" stays "%41"); a broken escape means the link
// was mangled in transit. `plusIsSpace` follows the form encoding used in query strings.
std::optional<std::string> percentDecode(std::string_view text, bool plusIsSpace) {
    std::string decoded;
    decoded.reserve(text.size());
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (text[i] == '%') {
            if (i + 2 >= text.size()) return std::nullopt;
            const int high = hexValue(text[i + 1]);
            const int low = hexValue(text[i + 2]);
            if (high < 0 || low < 0) return std::nullopt;
            decoded += static_cast<char>(high * 16 + low);
            i += 2;
        } else {
            decoded += (plusIsSpace && text[i] == '+') ? ' ' : text[i];
        }
    }
    return decoded;
}

struct Authority {
    std::string host;  // lower case
    std::optional<unsigned> port;
};

std::optional<Authority> parseAuthority(std::string_view authority) {
    Authority parsed;
    std::string_view host = authority;
    const std::size_t colon = authority.rfind(':');
    if (colon != std::string_view::npos) {
        const std::string_view port = authority.substr(colon + 1);
        if (port.empty() || port.size() > 5 ||
            !std::all_of(port.begin(), port.end(), [](char c) { return c >= '0' && c <= '9'; })) {
            return std::nullopt;
        }
        const unsigned value = static_cast<unsigned>(std::stoul(std::string(port)));
        if (value > 65535) return std::nullopt;
        parsed.port = value;
        host = authority.substr(0, colon);
    }
    if (host.empty()) return std::nullopt;
    parsed.host = lowerAscii(host);
    return parsed;
}

bool isLocalHost(std::string_view host) { return host == "localhost" || host == "127.0.0.1"; }

// An entry without a port admits any port on that host; an entry with one admits only it.
bool isAllowed(const Authority& authority, unsigned defaultPort,
               const std::vector<std::string>& allowedHosts) {
    for (const std::string& entry : allowedHosts) {
        const auto allowed = parseAuthority(entry);
        if (!allowed || allowed->host != authority.host) continue;
        if (!allowed->port || *allowed->port == authority.port.value_or(defaultPort)) return true;
    }
    return false;
}

// "/join/CODE" or "/join/CODE/" -> CODE, still percent-encoded.
std::optional<std::string_view> codeFromJoinPath(std::string_view path) {
    if (path.empty() || path.front() != '/') return std::nullopt;
    path.remove_prefix(1);
    const std::size_t slash = path.find('/');
    if (slash == std::string_view::npos || !equalsIgnoringCase(path.substr(0, slash), kJoinSegment)) {
        return std::nullopt;
    }
    std::string_view code = path.substr(slash + 1);
    if (!code.empty() && code.back() == '/') code.remove_suffix(1);
    if (code.empty() || code.find('/') != std::string_view::npos) return std::nullopt;
    return code;
}

// The single `invite` parameter of a query, still percent-encoded. Other parameters (utm
// tags and the like) are ignored, but two invite parameters are ambiguous and refused.
std::optional<std::string_view> codeFromQuery(std::string_view query) {
    std::optional<std::string_view> code;
    while (!query.empty()) {
        const std::size_t amp = query.find('&');
        const std::string_view pair = query.substr(0, amp);
        query = amp == std::string_view::npos ? std::string_view{} : query.substr(amp + 1);
        const std::size_t equals = pair.find('=');
        const auto key = percentDecode(pair.substr(0, equals), true);
        if (!key) return std::nullopt;
        if (*key != kInviteParameter) continue;
        if (code || equals == std::string_view::npos) return std::nullopt;
        code = pair.substr(equals + 1);
    }
    return code;
}

InviteParseResult parseCodeFromLink(std::string_view encodedCode, bool plusIsSpace) {
    const auto decoded = percentDecode(encodedCode, plusIsSpace);
    if (!decoded) return InviteParseResult::failure(InviteError::BadUrl);
    const InviteParseResult result = parseInviteCode(*decoded);
    // An empty code inside a well-formed link is a link problem, not a typing one.
    if (!result.ok() && *result.error == InviteError::Empty) {
        return InviteParseResult::failure(InviteError::BadUrl);
    }
    return result;
}

InviteParseResult parseAppLink(std::string_view rest) {
    // parta://join/CODE: "join" stands where a host would be; nothing may follow the code.
    const std::size_t slash = rest.find('/');
    if (slash == std::string_view::npos || !equalsIgnoringCase(rest.substr(0, slash), kJoinSegment)) {
        return InviteParseResult::failure(InviteError::BadUrl);
    }
    std::string_view code = rest.substr(slash + 1);
    code = code.substr(0, code.find('#'));
    if (!code.empty() && code.back() == '/') code.remove_suffix(1);
    if (code.empty() || code.find_first_of("/?@") != std::string_view::npos) {
        return InviteParseResult::failure(InviteError::BadUrl);
    }
    return parseCodeFromLink(code, false);
}

InviteParseResult parseWebLink(std::string_view rest, bool isHttps,
                               const std::vector<std::string>& allowedHosts) {
    const std::size_t authorityEnd = rest.find_first_of("/?#");
    const std::string_view authorityText = rest.substr(0, authorityEnd);
    // Userinfo is the classic way to show a trusted name before the real host.
    if (authorityText.find('@') != std::string_view::npos) {
        return InviteParseResult::failure(InviteError::BadUrl);
    }
    const auto authority = parseAuthority(authorityText);
    if (!authority) return InviteParseResult::failure(InviteError::BadUrl);
    if (!isHttps && !isLocalHost(authority->host)) {
        return InviteParseResult::failure(InviteError::BadScheme);
    }
    if (!isAllowed(*authority, isHttps ? 443 : 80, allowedHosts)) {
        return InviteParseResult::failure(InviteError::HostNotAllowed);
    }

    std::string_view afterAuthority =
        authorityEnd == std::string_view::npos ? std::string_view{} : rest.substr(authorityEnd);
    afterAuthority = afterAuthority.substr(0, afterAuthority.find('#'));
    const std::size_t questionMark = afterAuthority.find('?');
    const std::string_view path = afterAuthority.substr(0, questionMark);
    const std::string_view query = questionMark == std::string_view::npos
                                       ? std::string_view{}
                                       : afterAuthority.substr(questionMark + 1);

    if (const auto code = codeFromJoinPath(path)) return parseCodeFromLink(*code, false);
    if (path.empty() || path == "/") {
        if (const auto code = codeFromQuery(query)) return parseCodeFromLink(*code, true);
    }
    return InviteParseResult::failure(InviteError::BadUrl);
}

bool isSchemeCharacter(char c, bool first) {
    const bool letter = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    if (first) return letter;
    return letter || (c >= '0' && c <= '9') || c == '+' || c == '-' || c == '.';
}

// The scheme of a URL-looking input, or nothing when the input is a bare code.
std::optional<std::string_view> schemeOf(std::string_view input) {
    const std::size_t colon = input.find(':');
    if (colon == std::string_view::npos || colon == 0) return std::nullopt;
    for (std::size_t i = 0; i < colon; ++i) {
        if (!isSchemeCharacter(input[i], i == 0)) return std::nullopt;
    }
    return input.substr(0, colon);
}

}  // namespace

InviteParseResult parseInviteLink(std::string_view input,
                                  const std::vector<std::string>& allowedHosts) {
    if (utf8::countCodePointsUpTo(input, kMaxInviteInputLength) > kMaxInviteInputLength) {
        return InviteParseResult::failure(InviteError::TooLong);
    }
    const std::string_view trimmed = utf8::trimWhitespace(input);
    if (trimmed.empty()) return InviteParseResult::failure(InviteError::Empty);
    // Browsers read "\" as "/" in web URLs, which lets "https://evil\@school/" pass for the
    // school's host in one parser and not another. No invite link contains one.
    if (trimmed.find('\\') != std::string_view::npos) {
        return InviteParseResult::failure(InviteError::BadUrl);
    }

    const auto scheme = schemeOf(trimmed);
    if (!scheme) {
        // "school.example/join/…" without a scheme: tell the person the link is cut short.
        if (trimmed.find('/') != std::string_view::npos) {
            return InviteParseResult::failure(InviteError::BadScheme);
        }
        return parseInviteCode(trimmed);
    }

    const std::string lowerScheme = lowerAscii(*scheme);
    std::string_view rest = trimmed.substr(scheme->size() + 1);
    if (lowerScheme != "https" && lowerScheme != "http" && lowerScheme != "parta") {
        return InviteParseResult::failure(InviteError::BadScheme);
    }
    if (rest.substr(0, 2) != "//") return InviteParseResult::failure(InviteError::BadUrl);
    rest.remove_prefix(2);
    if (lowerScheme == "parta") return parseAppLink(rest);
    return parseWebLink(rest, lowerScheme == "https", allowedHosts);
}

std::vector<FoundInviteLink> extractInviteLinks(std::string_view text,
                                                const std::vector<std::string>& allowedHosts) {
    static constexpr std::string_view kLinkStarts[] = {"https://", "http://", "parta://"};
    // Characters that end a link in running text: whitespace is handled separately; these
    // are the quotes and brackets people wrap links in.
    static constexpr std::string_view kLinkEnders = "<>\"'`()[]{}";
    // Sentence punctuation after a link belongs to the sentence. The check symbols *~$=
    // are deliberately absent: they may end a code.
    static constexpr std::string_view kTrailingPunctuation = ".,;:!?";

    std::vector<FoundInviteLink> found;
    const std::string lowered = lowerAscii(text);
    std::size_t searchFrom = 0;
    while (searchFrom < text.size()) {
        std::size_t start = std::string::npos;
        for (const std::string_view prefix : kLinkStarts) {
            start = std::min(start, lowered.find(prefix, searchFrom));
        }
        if (start == std::string::npos) break;

        std::size_t end = start;
        while (end < text.size()) {
            const auto decoded = utf8::decodeAt(text, end);
            if (utf8::isWhitespace(decoded.value) || decoded.value == U'«' || decoded.value == U'»' ||
                (decoded.value < 0x80 && kLinkEnders.find(static_cast<char>(decoded.value)) !=
                                             std::string_view::npos)) {
                break;
            }
            end += decoded.length;
        }
        while (end > start && kTrailingPunctuation.find(text[end - 1]) != std::string_view::npos) {
            --end;
        }
        searchFrom = std::max(end, start + 1);

        const std::string_view candidate = text.substr(start, end - start);
        // "xhttps://…" is part of a longer word, not a link.
        if (start > 0 && std::isalnum(static_cast<unsigned char>(text[start - 1]))) continue;
        InviteParseResult parsed = parseInviteLink(candidate, allowedHosts);
        if (!parsed.ok()) continue;
        const bool seen = std::any_of(found.begin(), found.end(),
                                      [&](const FoundInviteLink& link) { return link.code == parsed.code; });
        if (!seen) {
            found.push_back({std::string(candidate), std::move(parsed.code), std::move(parsed.display)});
        }
    }
    return found;
}

}  // namespace parta::invite
