#pragma once

#include <array>
#include <optional>
#include <string_view>

namespace parta::policy {

// A member's role inside one chat, independent of their role in the school.
enum class ChatRole { Owner, Moderator, Member, ReadOnly };

inline constexpr std::array<ChatRole, 4> kAllChatRoles = {ChatRole::Owner, ChatRole::Moderator,
                                                          ChatRole::Member, ChatRole::ReadOnly};

std::string_view nameOf(ChatRole role);
std::optional<ChatRole> chatRoleFromName(std::string_view name);

}  // namespace parta::policy
