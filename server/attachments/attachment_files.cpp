#include "attachments/attachment_files.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <fstream>
#include <iterator>
#include <system_error>

#include "auth/sha256_hex.h"
#include "random/uuid.h"

namespace parta::server {

namespace {

[[noreturn]] void throwErrno(const char* what) { throw std::system_error(errno, std::generic_category(), what); }

// A file descriptor closed on every path out.
class Descriptor {
public:
    explicit Descriptor(int fd) : fd_(fd) {}
    ~Descriptor() {
        if (fd_ >= 0) ::close(fd_);
    }
    Descriptor(const Descriptor&) = delete;
    Descriptor& operator=(const Descriptor&) = delete;
    int get() const { return fd_; }

private:
    int fd_;
};

void writeAllAndSync(const std::filesystem::path& path, std::string_view content) {
    const Descriptor file(::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600));
    if (file.get() < 0) throwErrno("cannot create an attachment file");
    for (std::size_t written = 0; written < content.size();) {
        const ssize_t step = ::write(file.get(), content.data() + written, content.size() - written);
        if (step < 0 && errno == EINTR) continue;
        if (step < 0) throwErrno("cannot write an attachment file");
        written += static_cast<std::size_t>(step);
    }
    if (::fsync(file.get()) != 0) throwErrno("cannot sync an attachment file");
}

// The rename is durable once the folder that holds the new name is synced.
void syncFolder(const std::filesystem::path& folder) {
    const Descriptor directory(::open(folder.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
    if (directory.get() < 0 || ::fsync(directory.get()) != 0) throwErrno("cannot sync the attachments folder");
}

}  // namespace

std::filesystem::path AttachmentFiles::pathOf(const std::string& sha256) const {
    return folder_ / sha256.substr(0, 2) / sha256;
}

std::string AttachmentFiles::keep(std::string_view content) {
    std::string sha256 = sha256Hex(content);
    const std::filesystem::path path = pathOf(sha256);
    // A file of this name holds this content: it was renamed into place only once complete.
    if (std::filesystem::exists(path)) return sha256;
    std::filesystem::create_directories(path.parent_path());
    // Two uploads of the same content may race here; each writes its own temporary file and
    // the rename that lands second replaces a file with the same bytes.
    const std::filesystem::path temporary = path.parent_path() / ("." + generateUuidV4() + ".partial");
    try {
        writeAllAndSync(temporary, content);
        std::filesystem::rename(temporary, path);
    } catch (...) {
        std::error_code ignored;
        std::filesystem::remove(temporary, ignored);
        throw;
    }
    syncFolder(path.parent_path());
    return sha256;
}

std::optional<std::string> AttachmentFiles::read(const std::string& sha256) const {
    std::ifstream file(pathOf(sha256), std::ios::binary);
    if (!file) return std::nullopt;
    return std::string(std::istreambuf_iterator<char>(file), std::istreambuf_iterator<char>());
}

}  // namespace parta::server
