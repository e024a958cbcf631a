#include "invite/invite_code.h"

#include "random/secure_random.h"
#include "text/utf8.h"

namespace parta::invite {

namespace {

constexpr std::size_t kDisplayGroup = 4;
constexpr unsigned kCheckModulus = 37;

// Separators people put inside codes: the dash of the display form, and the spaces, line
// breaks and typographic dashes that phones and word processors substitute for them.
bool isSeparator(char32_t c) {
    return c == U'-' || utf8::isWhitespace(c) || (c >= 0x2010 && c <= 0x2015) || c == 0x2212;
}

// Cyrillic letters that look like code symbols. A parent copying a code from paper on a
// Russian keyboard types «С» or «Н»; reading them as Latin costs no entropy.
char32_t foldCyrillicLookalike(char32_t c) {
    if (c >= 0x0430 && c <= 0x044F) c -= 0x20;  // lower to upper case
    switch (c) {
        case 0x0410: return U'A';
        case 0x0412: return U'B';
        case 0x0415: return U'E';
        case 0x041A: return U'K';
        case 0x041C: return U'M';
        case 0x041D: return U'H';
        case 0x041E: return U'O';
        case 0x0420: return U'P';
        case 0x0421: return U'C';
        case 0x0422: return U'T';
        case 0x0423: return U'Y';
        case 0x0425: return U'X';
        default: return c;
    }
}

// Crockford's reading rules: O is zero, I and L are one.
char32_t foldSymbol(char32_t c) {
    c = foldCyrillicLookalike(c);
    if (c >= U'a' && c <= U'z') c -= U'a' - U'A';
    if (c == U'O') return U'0';
    if (c == U'I' || c == U'L') return U'1';
    return c;
}

std::string normalizeSymbols(std::string_view input) {
    std::string symbols;
    for (std::size_t offset = 0; offset < input.size();) {
        const auto decoded = utf8::decodeAt(input, offset);
        offset += decoded.length;
        if (!isSeparator(decoded.value)) utf8::append(symbols, foldSymbol(decoded.value));
    }
    return symbols;
}

std::string displayForm(std::string_view canonical) {
    std::string display;
    for (std::size_t i = 0; i < canonical.size(); ++i) {
        if (i > 0 && i % kDisplayGroup == 0) display += '-';
        display += canonical[i];
    }
    return display;
}

}  // namespace

InviteParseResult InviteParseResult::success(std::string canonical) {
    std::string display = displayForm(canonical);
    return {std::nullopt, std::move(canonical), std::move(display)};
}

char checkSymbolFor(std::string_view payload) {
    unsigned remainder = 0;
    for (const char symbol : payload) {
        remainder = (remainder * 32 + static_cast<unsigned>(kPayloadAlphabet.find(symbol))) %
                    kCheckModulus;
    }
    return kCheckAlphabet[remainder];
}

InviteParseResult parseInviteCode(std::string_view input) {
    const std::string symbols = normalizeSymbols(utf8::trimWhitespace(input));
    if (symbols.empty()) return InviteParseResult::failure(InviteError::Empty);
    // kCheckAlphabet includes every payload symbol, so this is "is it a code symbol at all".
    if (symbols.find_first_not_of(kCheckAlphabet) != std::string::npos) {
        return InviteParseResult::failure(InviteError::BadAlphabet);
    }
    if (symbols.size() != kCodeLength) return InviteParseResult::failure(InviteError::BadLength);

    const std::string_view payload = std::string_view(symbols).substr(0, kPayloadLength);
    // A check-only symbol (*~$=U) in the payload is a symbol typed in the wrong place: a typo,
    // so it is reported like one (a swap of the last two symbols lands here).
    if (payload.find_first_not_of(kPayloadAlphabet) != std::string_view::npos ||
        checkSymbolFor(payload) != symbols.back()) {
        return InviteParseResult::failure(InviteError::BadChecksum);
    }
    return InviteParseResult::success(symbols);
}

std::string formatInviteCode(std::string_view input) {
    return parseInviteCode(input).display;
}

std::string inviteCodeFromRandomBytes(const RandomBytes& bytes) {
    std::string code;
    code.reserve(kCodeLength);
    for (std::size_t symbol = 0; symbol < kPayloadLength; ++symbol) {
        unsigned value = 0;
        for (std::size_t bit = symbol * 5; bit < symbol * 5 + 5; ++bit) {
            value = (value << 1) | ((bytes[bit / 8] >> (7 - bit % 8)) & 1u);
        }
        code += kPayloadAlphabet[value];
    }
    code += checkSymbolFor(code);
    return code;
}

std::string generateInviteCode() {
    RandomBytes bytes{};
    fillSecureRandom(bytes.data(), bytes.size());
    return inviteCodeFromRandomBytes(bytes);
}

}  // namespace parta::invite
