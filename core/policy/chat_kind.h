#pragma once

#include <array>
#include <optional>
#include <string_view>

namespace parta::policy {

enum class ChatKind {
    SchoolChannel,      // «Общешкольный канал»
    StaffChannel,       // «Сотрудники»
    TeachersRoom,       // «Учительская»
    ClassChat,          // students + class teacher
    ParentsChat,        // parents of a class + class teacher
    ClassTeachersChat,  // the teachers of a class
    SubjectChat,        // a teacher + the students of a class, for one subject
    ManagementChat,     // the director with deputies, teachers or activists
    Direct,
};

inline constexpr std::array<ChatKind, 9> kAllChatKinds = {
    ChatKind::SchoolChannel, ChatKind::StaffChannel,      ChatKind::TeachersRoom,
    ChatKind::ClassChat,     ChatKind::ParentsChat,       ChatKind::ClassTeachersChat,
    ChatKind::SubjectChat,   ChatKind::ManagementChat,    ChatKind::Direct};

// These chats exist once per class, so a target naming one must name its class.
constexpr bool isClassBound(ChatKind kind) {
    return kind == ChatKind::ClassChat || kind == ChatKind::ParentsChat ||
           kind == ChatKind::ClassTeachersChat || kind == ChatKind::SubjectChat;
}

// A school has one of each: its two system channels (000 §2.1 «системные каналы: Общешкольный
// канал, канал Сотрудники») and «Учительская», the one room of its staff (000 §2.1 «создает
// класс «Учительская»»). A second would split the audience each of them exists to reach.
constexpr bool isOnePerSchool(ChatKind kind) {
    return kind == ChatKind::SchoolChannel || kind == ChatKind::StaffChannel || kind == ChatKind::TeachersRoom;
}

std::string_view nameOf(ChatKind kind);
std::optional<ChatKind> chatKindFromName(std::string_view name);

}  // namespace parta::policy
