#include "client/policy_inputs.h"

namespace parta {

policy::Subject policySubject(const store::Me& me) {
    policy::Subject subject;
    subject.userId = std::to_string(me.userId);
    for (const std::string& name : me.roles) {
        if (const std::optional<policy::SchoolRole> role = policy::schoolRoleFromName(name)) {
            subject.roles.push_back(*role);
        }
    }
    subject.verified = me.verified;
    subject.classTeacherOf = me.classTeacherOf;
    subject.teaches = me.teaches;
    subject.studentOf = me.studentOf;
    for (const store::Child& child : me.children) {
        subject.children.push_back({std::to_string(child.userId), child.classId});
    }
    return subject;
}

policy::Target policyTarget(const store::Chat& chat, const std::optional<std::string>& membershipRole) {
    policy::Target target;
    target.chat = policy::chatKindFromName(chat.kind);
    target.classId = chat.classId;
    if (membershipRole) target.chatRole = policy::chatRoleFromName(*membershipRole);
    return target;
}

policy::Action deletionAction(std::int64_t senderId, std::int64_t deleterId) {
    return senderId == deleterId ? policy::Action::DeleteOwn : policy::Action::DeleteAny;
}

}  // namespace parta
