#include "attachments/attachment_types.h"

#include <magic.h>

#include <algorithm>
#include <array>
#include <mutex>
#include <stdexcept>

namespace parta::server {

namespace {

// What a school chat exchanges: photos of the blackboard and of homework, worksheets and
// timetables, voice notes. Each of these is shown or played by the app or opened by an office
// program, and none runs code by itself. Left out on purpose:
// - HTML, SVG and XML: a browser runs the scripts they carry;
// - application/zip and other archives: they can hold anything, executables included; the
//   office formats below are zip files too, but libmagic names them only when their first
//   entry says which document they are, as Word, Excel, PowerPoint and LibreOffice write them;
// - the legacy binary Office formats (.doc, .xls, .ppt): their macros are a common way in
//   for malware, and every office program of the last 15 years saves the XML formats;
// - executables and scripts, whatever they are named.
constexpr std::array<std::string_view, 15> kAcceptedTypes = {
    "image/jpeg",
    "image/png",
    "image/gif",
    "image/webp",
    "application/pdf",
    "text/plain",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document",    // .docx
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",          // .xlsx
    "application/vnd.openxmlformats-officedocument.presentationml.presentation",  // .pptx
    "application/vnd.oasis.opendocument.text",                                    // .odt
    "application/vnd.oasis.opendocument.spreadsheet",                             // .ods
    "application/vnd.oasis.opendocument.presentation",                            // .odp
    "audio/mpeg",
    "audio/ogg",
    "audio/x-m4a",  // .m4a, the voice notes of phones, as libmagic names it
};

// One libmagic handle for the process: loading its database takes milliseconds, and a handle
// is not safe to share between threads, so calls take turns.
class Sniffer {
public:
    Sniffer() : cookie_(magic_open(MAGIC_MIME_TYPE | MAGIC_ERROR)) {
        // MAGIC_COMPRESS is off, so compressed content is named as it is, never unpacked.
        if (!cookie_ || magic_load(cookie_, nullptr) != 0) {
            if (cookie_) magic_close(cookie_);
            throw std::runtime_error("libmagic's database could not be loaded");
        }
    }
    ~Sniffer() { magic_close(cookie_); }
    Sniffer(const Sniffer&) = delete;
    Sniffer& operator=(const Sniffer&) = delete;

    std::optional<std::string> typeOf(std::string_view content) {
        std::lock_guard<std::mutex> lock(mutex_);
        const char* type = magic_buffer(cookie_, content.data(), content.size());
        if (!type) return std::nullopt;
        return std::string(type);
    }

private:
    magic_t cookie_;
    std::mutex mutex_;
};

}  // namespace

std::optional<std::string> acceptedTypeOf(std::string_view content) {
    static Sniffer sniffer;
    std::optional<std::string> type = sniffer.typeOf(content);
    if (!type || std::find(kAcceptedTypes.begin(), kAcceptedTypes.end(), *type) == kAcceptedTypes.end()) {
        return std::nullopt;
    }
    return type;
}

}  // namespace parta::server
