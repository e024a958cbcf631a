#include "demo/demo_school.h"

#include <algorithm>
#include <random>
#include <stdexcept>
#include <vector>

#include "api/invite_answers.h"
#include "attachments/attachment_types.h"
#include "invite/invite_defaults.h"
#include "auth/sha256_hex.h"
#include "client/policy_inputs.h"
#include "client/poll_choice.h"
#include "demo/demo_school_content.h"
#include "invite/invite_code.h"
#include "policy/decide.h"
#include "policy/join_conflict.h"
#include "policy/reason.h"
#include "random/uuid.h"

namespace parta::server {

namespace {

using demo::DemoChat;
using demo::DemoLine;
using demo::DemoPerson;

constexpr std::int64_t kMinute = 60'000;
constexpr std::int64_t kHour = 60 * kMinute;
constexpr std::int64_t kDay = 24 * kHour;
constexpr int kDemoDays = 14;
// The demo's clock is Moscow's (UTC+3, no daylight saving), so its messages fall in school
// hours wherever the server runs.
constexpr std::int64_t kMoscowOffset = 3 * kHour;
// Fixed, so two seedings write the same rows (README.md lists them).
constexpr std::uint32_t kDemoSeed = 15;
// The invite codes' own seed, so adding a message to the demo changes no code.
constexpr std::uint32_t kDemoInviteSeed = 1915;

// The code of demoInvites()[index]: core's code from bits of a fixed seed, the same in every
// seeding, so a later start can name the links again though only their hashes are stored.
std::string demoInviteCode(std::size_t index) {
    std::mt19937 random(kDemoInviteSeed);
    invite::RandomBytes bytes{};
    for (std::size_t i = 0; i <= index; ++i) {
        for (std::uint8_t& byte : bytes) byte = static_cast<std::uint8_t>(random() & 0xff);
    }
    return invite::inviteCodeFromRandomBytes(bytes);
}

// One message waiting to be posted, at its place in the two weeks. It points into
// demoChats(), which lives as long as the program.
struct PlannedMessage {
    std::int64_t serverTime = 0;
    std::size_t chat = 0;  // index into demoChats()
    const std::string* sender = nullptr;
    const std::string* text = nullptr;
    const demo::DemoPoll* poll = nullptr;
    const demo::DemoAttachment* attachment = nullptr;
};

// A poll as stored, waiting for its votes.
struct PostedPoll {
    std::size_t chat = 0;
    store::Message message;
    const demo::DemoPoll* poll = nullptr;
};

class DemoSeeder {
public:
    DemoSeeder(ServerStore& store, AttachmentFiles& files, const PasswordHasher& passwords, std::int64_t nowMs)
        : store_(store), files_(files), passwords_(passwords), nowMs_(nowMs), random_(kDemoSeed) {}

    DemoSchoolSeeding seed() {
        seeding_.seeded = true;
        seeding_.schoolId = store_.createSchool(demo::kDemoSchoolName);
        for (const DemoPerson& person : demo::demoPeople()) createPerson(person);
        const std::vector<DemoChat>& chats = demo::demoChats();
        chatIds_.reserve(chats.size());
        for (const DemoChat& chat : chats) chatIds_.push_back(createChat(chat));
        for (const PlannedMessage& planned : plan(chats)) post(planned);
        for (const PostedPoll& posted : polls_) vote(posted);
        for (std::size_t i = 0; i < demo::demoInvites().size(); ++i) createInvite(i);
        for (const demo::DemoJoinRequest& request : demo::demoJoinRequests()) fileJoinRequest(request);
        for (const demo::DemoRosterEntry& entry : demo::demoRosters()) addRosterEntry(entry);
        return seeding_;
    }

private:
    std::int64_t userId(const std::string& login) const {
        const auto found = seeding_.userIds.find(login);
        if (found == seeding_.userIds.end()) throw std::logic_error("demo school: no person " + login);
        return found->second;
    }

    policy::Subject subjectOf(const std::string& login) {
        const std::optional<Account> account = store_.account(userId(login));
        if (!account) throw std::logic_error("demo school: the store lost " + login);
        return account->subject;
    }

    static void require(const policy::Decision& decision, const std::string& what) {
        if (decision.allowed) return;
        throw std::logic_error("demo school: the policy refuses " + what + ": " +
                               std::string(policy::reasonCode(decision.reason)));
    }

    void createPerson(const DemoPerson& person) {
        NewUser user;
        user.schoolId = seeding_.schoolId;
        user.login = person.login;
        user.name = person.name;
        user.passwordHash = passwords_.hash(person.password);
        if (user.passwordHash.empty()) throw std::runtime_error("demo school: the password could not be hashed");
        user.roles = person.roles;
        user.verified = person.verified;
        user.studentOf = person.studentOf;
        user.classTeacherOf = person.classTeacherOf;
        user.teaches = person.teaches;
        if (!person.childLogin.empty()) user.childIds = {userId(person.childLogin)};
        user.createdAt = startOfDemo();
        seeding_.userIds[person.login] = store_.createUser(user);
    }

    std::int64_t createChat(const DemoChat& chat) {
        policy::Target creation;
        creation.chat = policy::chatKindFromName(chat.kind);
        creation.classId = chat.classId;
        // A direct chat is created with its one other member.
        if (creation.chat == policy::ChatKind::Direct && !chat.members.empty()) {
            creation.counterpart = subjectOf(chat.members.front().login);
        }
        require(policy::decide(subjectOf(chat.creator), policy::Action::CreateChat, creation),
                chat.creator + " creating " + chat.title);

        const std::int64_t chatId =
            store_.createChat({seeding_.schoolId, chat.kind, chat.classId, chat.title, startOfDemo()});
        seeding_.chatIds[chat.title] = chatId;
        addMember(chat, chatId, chat.creator, "owner");
        for (const demo::DemoChatMember& member : chat.members) addMember(chat, chatId, member.login, member.chatRole);
        return chatId;
    }

    // A member the policy would not let read the chat would be listed for nothing (sync sends
    // them none of it), so the demo has none.
    void addMember(const DemoChat& chat, std::int64_t chatId, const std::string& login, const std::string& chatRole) {
        store::Chat record;
        record.kind = chat.kind;
        record.classId = chat.classId;
        require(policy::decide(subjectOf(login), policy::Action::Read, policyTarget(record, chatRole)),
                login + " reading " + chat.title);
        store_.addMember(chatId, userId(login), chatRole);
    }

    // Every conversation and series of every chat at a time of its own, oldest first.
    std::vector<PlannedMessage> plan(const std::vector<DemoChat>& chats) {
        std::vector<PlannedMessage> planned;
        for (std::size_t chat = 0; chat < chats.size(); ++chat) {
            const std::size_t conversations = chats[chat].conversations.size();
            for (std::size_t i = 0; i < conversations; ++i) {
                std::int64_t time = momentOfDay(i, conversations);
                for (const DemoLine& line : chats[chat].conversations[i]) {
                    planned.push_back({time, chat, &line.sender, &line.text});
                    time += (2 + below(12)) * kMinute;
                }
            }
            for (const demo::DemoSeries& series : chats[chat].series) {
                for (std::size_t i = 0; i < series.texts.size(); ++i) {
                    planned.push_back({momentOfDay(i, series.texts.size()), chat, &series.sender, &series.texts[i]});
                }
            }
            const std::vector<demo::DemoPoll>& polls = chats[chat].polls;
            for (std::size_t i = 0; i < polls.size(); ++i) {
                planned.push_back({momentOfDay(i, polls.size()), chat, &polls[i].sender, &polls[i].text, &polls[i]});
            }
        }
        // Three days before now, the last of them: a file for the weekend's trip.
        const std::vector<demo::DemoAttachment>& attachments = demo::demoAttachments();
        for (const demo::DemoAttachment& attachment : attachments) {
            const std::size_t chat = chatIndex(chats, attachment.chatTitle);
            PlannedMessage message{momentOfDay(kDemoDays - 3, kDemoDays), chat, &attachment.sender, &attachment.text};
            message.attachment = &attachment;
            planned.push_back(message);
        }
        std::stable_sort(planned.begin(), planned.end(),
                         [](const PlannedMessage& a, const PlannedMessage& b) { return a.serverTime < b.serverTime; });
        return planned;
    }

    // The `index`-th of `count` things spread over the two weeks: one per day or so, in Moscow's
    // school hours (8:00–20:00), and over before now.
    std::int64_t momentOfDay(std::size_t index, std::size_t count) {
        const std::int64_t moscowMidnight = (nowMs_ + kMoscowOffset) / kDay * kDay - kMoscowOffset;
        const auto daysAgo = static_cast<std::int64_t>(kDemoDays - 1 - (index * kDemoDays) / count);
        std::int64_t moment = moscowMidnight - daysAgo * kDay + (8 + below(12)) * kHour + below(60) * kMinute;
        // A conversation takes up to an hour or so; one that would not be over by now was yesterday.
        if (moment + 2 * kHour > nowMs_) moment -= kDay;
        return moment;
    }

    void post(const PlannedMessage& planned) {
        const DemoChat& chat = demo::demoChats()[planned.chat];
        const std::int64_t chatId = chatIds_[planned.chat];
        const std::int64_t senderId = userId(*planned.sender);
        const std::optional<ChatAccess> access = store_.chatAccess(seeding_.schoolId, chatId, senderId);
        if (!access) throw std::logic_error("demo school: no chat " + chat.title);
        require(policy::decide(subjectOf(*planned.sender), planned.poll ? policy::Action::PostPoll : policy::Action::Post,
                               policyTarget(access->chat, access->membershipRole)),
                *planned.sender + " posting in " + chat.title);
        std::optional<NewPoll> poll;
        if (planned.poll) poll = NewPoll{planned.poll->question, planned.poll->multipleChoice, planned.poll->options};
        std::vector<std::int64_t> attachmentIds;
        if (planned.attachment) attachmentIds.push_back(upload(*planned.attachment, chatId, senderId, planned.serverTime));
        const StoredMessage stored = store_.postMessage({seeding_.schoolId, chatId, senderId, nextClientId(), *planned.text,
                                                         std::nullopt, planned.serverTime, std::move(poll),
                                                         std::move(attachmentIds)});
        ++seeding_.messages;
        if (planned.poll) polls_.push_back({planned.chat, stored.message, planned.poll});
    }

    static std::size_t chatIndex(const std::vector<DemoChat>& chats, const std::string& title) {
        for (std::size_t i = 0; i < chats.size(); ++i) {
            if (chats[i].title == title) return i;
        }
        throw std::logic_error("demo school: no chat " + title);
    }

    // As the upload endpoint takes a file: attach_file allowed, the type read from the bytes.
    std::int64_t upload(const demo::DemoAttachment& attachment, std::int64_t chatId, std::int64_t senderId,
                        std::int64_t at) {
        const std::optional<ChatAccess> access = store_.chatAccess(seeding_.schoolId, chatId, senderId);
        if (!access) throw std::logic_error("demo school: no chat " + attachment.chatTitle);
        require(policy::decide(subjectOf(attachment.sender), policy::Action::AttachFile,
                               policyTarget(access->chat, access->membershipRole)),
                attachment.sender + " attaching a file in " + attachment.chatTitle);
        const std::optional<std::string> mimeType = acceptedTypeOf(attachment.content);
        if (!mimeType) throw std::logic_error("demo school: the type of " + attachment.fileName + " is not accepted");
        const std::string sha256 = files_.keep(attachment.content);
        ++seeding_.attachments;
        return store_.createAttachment({seeding_.schoolId, chatId, senderId, sha256,
                                        static_cast<std::int64_t>(attachment.content.size()), *mimeType,
                                        attachment.fileName, at});
    }

    // Voting needs what reading the chat needs (docs/permissions.md), and a choice the poll allows.
    void vote(const PostedPoll& posted) {
        const DemoChat& chat = demo::demoChats()[posted.chat];
        const std::int64_t chatId = chatIds_[posted.chat];
        if (!posted.message.poll) throw std::logic_error("demo school: the store lost a poll in " + chat.title);
        for (const demo::DemoVote& vote : posted.poll->votes) {
            const std::int64_t voterId = userId(vote.voter);
            const std::optional<ChatAccess> access = store_.chatAccess(seeding_.schoolId, chatId, voterId);
            if (!access) throw std::logic_error("demo school: no chat " + chat.title);
            require(policy::decide(subjectOf(vote.voter), policy::Action::Read,
                                   policyTarget(access->chat, access->membershipRole)),
                    vote.voter + " voting in " + chat.title);
            if (!isValidPollChoice(*posted.message.poll, vote.options)) {
                throw std::logic_error("demo school: " + vote.voter + " chooses what the poll in " + chat.title +
                                       " does not offer");
            }
            store_.vote({seeding_.schoolId, chatId, posted.message.id, voterId, nextClientId(), vote.options});
            ++seeding_.votes;
        }
        ++seeding_.polls;
    }

    std::int64_t chatId(const std::string& title) const {
        const auto found = seeding_.chatIds.find(title);
        if (found == seeding_.chatIds.end()) throw std::logic_error("demo school: no chat " + title);
        return found->second;
    }

    // As the create endpoint makes a link into a chat: decided with the creator's role in it,
    // the creator's defaults, only the code's hash stored.
    void createInvite(std::size_t index) {
        const demo::DemoInvite& link = demo::demoInvites()[index];
        const std::int64_t creatorId = userId(link.creator);
        const std::optional<ChatAccess> access =
            store_.chatAccess(seeding_.schoolId, chatId(link.chatTitle), creatorId);
        if (!access) throw std::logic_error("demo school: no chat " + link.chatTitle);
        Invite destination;
        destination.schoolId = seeding_.schoolId;
        destination.chat = access->chat;
        destination.classId = access->chat.classId;
        destination.grantedRole = link.role;
        require(policy::decide(subjectOf(link.creator), policy::Action::CreateInvite,
                               inviteTarget(destination, access->membershipRole)),
                link.creator + " inviting " + std::string(policy::nameOf(link.role)) + "s to " + link.chatTitle);

        NewInvite created;
        created.schoolId = seeding_.schoolId;
        created.codeHash = sha256Hex(demoInviteCode(index));
        created.chatId = access->chat.id;
        created.classId = access->chat.classId;
        created.grantedRole = link.role;
        created.label = link.label;
        created.createdBy = creatorId;
        created.createdAt = nowMs_;
        created.expiresAt = nowMs_ + invite::kDefaultInviteLifetimeMs;
        created.usageLimit = invite::kDefaultInviteUsageLimit;
        created.requiresApproval = invite::approvalByDefault(link.role);
        inviteIds_[link.label] = store_.createInvite(created);
        ++seeding_.invites;
    }

    // As the accept endpoint files a request from someone without an account: a link that asks
    // for approval checks only that its role can be taken, then admit creates the account,
    // counts the use and files the request.
    void fileJoinRequest(const demo::DemoJoinRequest& request) {
        const auto found = inviteIds_.find(request.inviteLabel);
        if (found == inviteIds_.end()) throw std::logic_error("demo school: no invite " + request.inviteLabel);
        const std::optional<Invite> invite = store_.invite(seeding_.schoolId, found->second);
        if (!invite) throw std::logic_error("demo school: the store lost the invite " + request.inviteLabel);
        if (!invite->requiresApproval) {
            throw std::logic_error("demo school: " + request.inviteLabel + " admits without a request");
        }
        if (policy::joinConflict(policy::Subject{}, invite->grantedRole, invite->classId)) {
            throw std::logic_error("demo school: " + request.person.login + " cannot take the role of " +
                                   request.inviteLabel);
        }
        NewUser user;
        user.login = request.person.login;
        user.name = request.person.name;
        user.passwordHash = passwords_.hash(request.person.password);
        if (user.passwordHash.empty()) throw std::runtime_error("demo school: the password could not be hashed");
        Admission admission;
        admission.schoolId = seeding_.schoolId;
        admission.inviteId = invite->id;
        admission.childName = request.childName;
        admission.nowMs = nowMs_;
        admission.newAccount = std::move(user);
        const AdmissionOutcome outcome = store_.admit(admission);
        if (outcome.result != AdmissionOutcome::Result::RequestFiled) {
            throw std::logic_error("demo school: " + request.person.login + "'s request was not filed");
        }
        seeding_.userIds[request.person.login] = outcome.userId;
        ++seeding_.joinRequests;
    }

    // As the admin keeps it, through the same store calls as the roster endpoints.
    void addRosterEntry(const demo::DemoRosterEntry& entry) {
        require(policy::decide(subjectOf("admin"), policy::Action::ManageRoster, policy::Target{}), "the rosters");
        const Administration admin{seeding_.schoolId, userId("admin"), nowMs_};
        const std::int64_t entryId = store_.addRosterEntry(
            admin, {entry.classId, entry.student ? RosterKind::Student : RosterKind::Parent, entry.name});
        if (!entry.login.empty() && store_.linkRosterEntry(admin, entryId, userId(entry.login)) != RosterLink::Linked) {
            throw std::logic_error("demo school: " + entry.login + " is not of the roster of " + entry.classId);
        }
        ++seeding_.rosterEntries;
    }

    // Client ids from the seeded generator, so a second seeding of another empty database
    // writes the same rows.
    std::string nextClientId() {
        UuidBytes bytes{};
        for (std::uint8_t& byte : bytes) byte = static_cast<std::uint8_t>(random_() & 0xff);
        return uuidV4FromBytes(bytes);
    }

    // std::mt19937's output is fixed by the standard; the distributions are not, so none is used.
    std::int64_t below(std::uint32_t bound) { return static_cast<std::int64_t>(random_() % bound); }

    std::int64_t startOfDemo() const { return nowMs_ - (kDemoDays + 1) * kDay; }

    ServerStore& store_;
    AttachmentFiles& files_;
    const PasswordHasher& passwords_;
    std::int64_t nowMs_;
    std::mt19937 random_;
    DemoSchoolSeeding seeding_;
    std::vector<std::int64_t> chatIds_;  // by index into demoChats()
    std::vector<PostedPoll> polls_;
    std::map<std::string, std::int64_t> inviteIds_;  // by label
};

}  // namespace

DemoSchoolSeeding seedDemoSchool(ServerStore& store, AttachmentFiles& files, const PasswordHasher& passwords,
                                 std::int64_t nowMs) {
    if (store.holdsAnySchool()) return {};
    return DemoSeeder(store, files, passwords, nowMs).seed();
}

std::vector<DemoInviteLink> demoInviteLinks(ServerStore& store, std::int64_t nowMs) {
    std::vector<DemoInviteLink> links;
    for (std::size_t i = 0; i < demo::demoInvites().size(); ++i) {
        const std::string code = demoInviteCode(i);
        const std::optional<Invite> invite = store.inviteByCodeHash(sha256Hex(code));
        if (!invite) continue;
        links.push_back({invite->label, code, invite::formatInviteCode(code), invite->stateAt(nowMs)});
    }
    return links;
}

}  // namespace parta::server
