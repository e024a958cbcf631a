#pragma once

#include <cstdio>
#include <string>
#include <vector>

namespace parta::bench {

// The school both contenders get (docs/performance.md, "Our server against ejabberd"): classes of
// equal size, each with three chats (the class chat and two subject chats), every pupil a member
// of the three chats of their class. With 1,000 pupils and 30 chats that is 10 classes of 100,
// so one message fans out to 100 members. The seeding tool and the load client derive the same
// layout from the same three numbers, so neither needs the other's files.
struct BenchSchool {
    int clients = 1000;
    int chats = 30;
    int chatsPerClient = 3;

    int classes() const { return chats / chatsPerClient; }
    int clientsPerClass() const { return clients / classes(); }
    int classOf(int client) const { return client / clientsPerClass(); }
    // The chat index of the client's `slot`-th chat (0 … chatsPerClient-1).
    int chatOf(int client, int slot) const { return classOf(client) * chatsPerClient + slot; }
    // Every chat holds the pupils of one class.
    int fanOut() const { return clientsPerClass(); }

    // Whole classes only: a remainder would leave chats of different sizes and uneven fan-out.
    bool valid() const {
        return clients > 0 && chatsPerClient > 0 && chats % chatsPerClient == 0 && classes() > 0 &&
               clients % classes() == 0;
    }

    static std::string login(int client) {
        char name[32];
        std::snprintf(name, sizeof name, "pupil-%04d", client);
        return name;
    }
    // One password for everyone: the bench measures messaging, not sign-in.
    static constexpr const char* kPassword = "bench-password-2026";

    // «7А»-style ids: digits only would read like numbers in the logs.
    static std::string classId(int schoolClass) { return std::to_string(schoolClass + 1) + "А"; }
    // The XMPP room of a chat; ejabberd's MUC room names are node parts, so ASCII.
    static std::string roomName(int chat) { return "chat-" + std::to_string(chat); }
};

}  // namespace parta::bench
