#pragma once

#include <stdexcept>
#include <string>

namespace parta::server {

// A storage operation that could not complete: its transaction was rolled back, so nothing of
// it is kept. The endpoint answers 500; what() is SQLite's message, which names tables and
// constraints, never row values, so it may be logged.
class StoreFailure : public std::runtime_error {
public:
    explicit StoreFailure(const std::string& what) : std::runtime_error(what) {}
};

}  // namespace parta::server
