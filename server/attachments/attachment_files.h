#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

namespace parta::server {

// The attachments folder (--attachments): each file named by the SHA-256 of its content, so
// the same content uploaded twice is stored once, and a name says nothing a client chose.
// Files sit in a subfolder of their hash's first two hex digits, so that no folder grows to
// the hundreds of thousands of entries a school accumulates.
class AttachmentFiles {
public:
    explicit AttachmentFiles(std::filesystem::path folder) : folder_(std::move(folder)) {}

    // Stores the content unless a file of its hash is there already; answers the hash (lower-
    // case hex). Durable when it returns: the file is written, synced, and renamed into place,
    // so a crash leaves either nothing or the whole file under its name, never a part.
    // Throws std::system_error when the folder cannot be written.
    std::string keep(std::string_view content);
    // The content of that hash; nullopt when no such file is there.
    std::optional<std::string> read(const std::string& sha256) const;

private:
    std::filesystem::path pathOf(const std::string& sha256) const;

    std::filesystem::path folder_;
};

}  // namespace parta::server
