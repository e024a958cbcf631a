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

std::string_view nameOf(ChatKind kind);
std::optional<ChatKind> chatKindFromName(std::string_view name);

}  // namespace parta::policy
