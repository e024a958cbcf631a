#include "random/uuid.h"

#include "random/secure_random.h"

namespace parta {

std::string uuidV4FromBytes(UuidBytes bytes) {
    bytes[6] = static_cast<std::uint8_t>((bytes[6] & 0x0F) | 0x40);  // version 4
    bytes[8] = static_cast<std::uint8_t>((bytes[8] & 0x3F) | 0x80);  // RFC variant
    constexpr char kHex[] = "0123456789abcdef";
    std::string text;
    text.reserve(36);
    for (std::size_t i = 0; i < bytes.size(); ++i) {
        if (i == 4 || i == 6 || i == 8 || i == 10) text += '-';
        text += kHex[bytes[i] >> 4];
        text += kHex[bytes[i] & 0x0F];
    }
    return text;
}

std::string generateUuidV4() {
    UuidBytes bytes;
    fillSecureRandom(bytes.data(), bytes.size());
    return uuidV4FromBytes(bytes);
}

}  // namespace parta
