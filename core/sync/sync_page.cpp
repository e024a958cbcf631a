#include "sync/sync_page.h"

#include <algorithm>
#include <limits>
#include <utility>

#include "policy/chat_kind.h"
#include "policy/chat_role.h"
#include "policy/school_role.h"
#include "sync/json_document.h"
#include "sync/limits.h"
#include "text/utf8.h"

// A page is validated and turned into events in one pass over its text, through nlohmann's SAX
// interface, without building a JSON tree first: the tree cost more than the parse itself
// (docs/performance.md). What each object may hold is a table of fields below, one per shape of
// docs/protocol.md, read like the protocol's own field lists.
namespace parta::sync {

namespace {

using nlohmann::json;

constexpr std::int64_t kMaxId = std::numeric_limits<std::int64_t>::max();
constexpr std::size_t kMaxTokenLength = 32;
constexpr std::size_t kMaxEventTypeLength = 64;

bool isHex(char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'); }

bool isValidUuid(std::string_view text) {
    if (text.size() != 36) return false;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const bool dash = i == 8 || i == 13 || i == 18 || i == 23;
        if (dash ? text[i] != '-' : !isHex(text[i])) return false;
    }
    return true;
}

// A lower-case identifier such as a user's role: [a-z][a-z0-9_]{0,31}.
bool isToken(std::string_view text) {
    if (text.empty() || text.size() > kMaxTokenLength || text[0] < 'a' || text[0] > 'z') return false;
    return std::all_of(text.begin(), text.end(),
                       [](char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_'; });
}

// A scalar as the SAX parser delivers it. Integer holds every integer of int64's range;
// TooLarge is one beyond it, which no field accepts.
struct Scalar {
    enum class Type { Null, Boolean, Integer, TooLarge, Float, String };
    Type type = Type::Null;
    bool boolean = false;
    std::int64_t integer = 0;
    std::string* text = nullptr;
};

// A value that is no scalar at all, for the rule's own message when an object or array came.
Scalar container() {
    Scalar value;
    value.type = Scalar::Type::Float;
    return value;
}

// What a frame of the parse reads.
enum class Shape : std::uint8_t {
    Page, SendAnswer, ChangeAnswer, Events, Event,
    Me, User, Chat, Membership, MembershipRemoved, Message, MessageEdited, MessageDeleted, PollVotes, ReadState,
    Invite, JoinRequest,
    Roles, ClassIds, Children, Child, Attachments, Attachment, Poll, PollOptions, PollOption, OptionIds,
    // An unknown member's value, or reset's payload: read only to check names are not repeated.
    Ignored, IgnoredArray,
};

bool isArrayShape(Shape shape) {
    return shape == Shape::IgnoredArray || shape == Shape::Events || shape == Shape::Roles || shape == Shape::ClassIds || shape == Shape::Children ||
           shape == Shape::Attachments || shape == Shape::PollOptions || shape == Shape::OptionIds;
}

// How a member's or an item's value is checked.
enum class Rule : std::uint8_t {
    Id, Time, Integer, Boolean, Text, Cursor, Token, OneOf, ChatKind, ChatRole, Uuid, Object, Array,
    // Array items, each with its own message.
    SchoolRoleItem, ClassIdItem, OptionIdItem, ObjectItem,
};

using StoreValue = void (*)(void* record, Scalar& value);
// The record a nested object or array fills, inside its parent's record.
using OpenChild = void* (*)(void* record);

struct Field {
    std::string_view name;
    Rule rule = Rule::Object;
    bool required = false;
    // Integers: the range; texts: code points; arrays: items.
    std::int64_t min = 0;
    std::int64_t max = 0;
    Shape shape = Shape::Ignored;  // what an Object, Array or ObjectItem opens
    StoreValue store = nullptr;
    OpenChild open = nullptr;
    const std::vector<std::string_view>* choices = nullptr;  // OneOf
};

template <typename Record>
Record& as(void* record) {
    return *static_cast<Record*>(record);
}

std::string take(Scalar& value) { return std::move(*value.text); }

// --- Field constructors, named after the rules of docs/protocol.md.
Field id(std::string_view name, StoreValue store, bool required = true) {
    return {name, Rule::Id, required, 1, kMaxId, Shape::Ignored, store};
}
Field time(std::string_view name, StoreValue store, bool required = true) {
    return {name, Rule::Time, required, 0, kMaxTimeMs, Shape::Ignored, store};
}
Field integer(std::string_view name, std::int64_t min, std::int64_t max, StoreValue store) {
    return {name, Rule::Integer, true, min, max, Shape::Ignored, store};
}
Field boolean(std::string_view name, StoreValue store, bool required) {
    return {name, Rule::Boolean, required, 0, 0, Shape::Ignored, store};
}
Field text(std::string_view name, std::size_t minChars, std::size_t maxChars, StoreValue store, bool required = true) {
    return {name, Rule::Text, required, static_cast<std::int64_t>(minChars), static_cast<std::int64_t>(maxChars),
            Shape::Ignored, store};
}
Field named(std::string_view name, Rule rule, StoreValue store) {
    const std::size_t maxChars = rule == Rule::Token || rule == Rule::OneOf ? kMaxTokenLength : kMaxNameChars;
    return {name, rule, true, 1, static_cast<std::int64_t>(maxChars), Shape::Ignored, store};
}
Field oneOf(std::string_view name, const std::vector<std::string_view>& choices, StoreValue store) {
    Field field = named(name, Rule::OneOf, store);
    field.choices = &choices;
    return field;
}
Field uuid(std::string_view name, StoreValue store) { return {name, Rule::Uuid, false, 0, 0, Shape::Ignored, store}; }
Field object(std::string_view name, Shape shape, OpenChild open, bool required) {
    return {name, Rule::Object, required, 0, 0, shape, nullptr, open};
}
Field array(std::string_view name, Shape shape, std::size_t minItems, std::size_t maxItems, OpenChild open, bool required) {
    return {name, Rule::Array, required, static_cast<std::int64_t>(minItems), static_cast<std::int64_t>(maxItems),
            shape, nullptr, open};
}
Field item(Rule rule, StoreValue store) { return {"", rule, true, 0, 0, Shape::Ignored, store}; }
Field objectItem(Shape shape, OpenChild open) { return {"", Rule::ObjectItem, true, 0, 0, shape, nullptr, open}; }

template <typename Record>
void* appendTo(void* list) {
    return &as<std::vector<Record>>(list).emplace_back();
}

// --- What each object holds, in the order docs/protocol.md lists it. A missing required
// member is reported in this order.
const std::vector<std::string_view> kInviteStates = {"active", "revoked", "expired", "exhausted"};
const std::vector<std::string_view> kJoinRequestStates = {"pending", "approved", "rejected", "withdrawn"};

const std::vector<Field>& fieldsOf(Shape shape) {
    using store::Message;
    static const std::vector<Field> kNone;
    static const std::vector<Field> kPage = {
        named("cursor", Rule::Cursor, [](void* r, Scalar& v) { as<SyncPage>(r).cursor = take(v); }),
        boolean("more", [](void* r, Scalar& v) { as<SyncPage>(r).more = v.boolean; }, true),
        array("events", Shape::Events, 0, kMaxPageEvents, [](void* r) -> void* { return &as<SyncPage>(r).events; }, true),
    };
    static const std::vector<Field> kSendAnswer = {
        object("message", Shape::Message, [](void* r) -> void* { return &as<std::optional<Message>>(r).emplace(); }, false),
    };
    static const std::vector<Field> kChangeAnswer = {
        array("events", Shape::Events, 1, kMaxChangeAnswerEvents, [](void* r) -> void* { return r; }, true),
    };
    static const std::vector<Field> kMe = {
        id("userId", [](void* r, Scalar& v) { as<store::Me>(r).userId = v.integer; }),
        array("roles", Shape::Roles, kMinRoles, kMaxRoles, [](void* r) -> void* { return &as<store::Me>(r).roles; }, true),
        boolean("verified", [](void* r, Scalar& v) { as<store::Me>(r).verified = v.boolean; }, false),
        array("classTeacherOf", Shape::ClassIds, 0, kMaxClasses,
              [](void* r) -> void* { return &as<store::Me>(r).classTeacherOf; }, false),
        array("teaches", Shape::ClassIds, 0, kMaxClasses, [](void* r) -> void* { return &as<store::Me>(r).teaches; }, false),
        text("studentOf", 1, kMaxClassIdChars, [](void* r, Scalar& v) { as<store::Me>(r).studentOf = take(v); }, false),
        array("children", Shape::Children, 0, kMaxChildren, [](void* r) -> void* { return &as<store::Me>(r).children; },
              false),
    };
    static const std::vector<Field> kChild = {
        id("userId", [](void* r, Scalar& v) { as<store::Child>(r).userId = v.integer; }),
        text("classId", 1, kMaxClassIdChars, [](void* r, Scalar& v) { as<store::Child>(r).classId = take(v); }),
    };
    static const std::vector<Field> kUser = {
        id("id", [](void* r, Scalar& v) { as<store::User>(r).id = v.integer; }),
        text("name", 1, kMaxNameChars, [](void* r, Scalar& v) { as<store::User>(r).name = take(v); }),
        named("role", Rule::Token, [](void* r, Scalar& v) { as<store::User>(r).role = take(v); }),
    };
    static const std::vector<Field> kChat = {
        id("id", [](void* r, Scalar& v) { as<store::Chat>(r).id = v.integer; }),
        named("kind", Rule::ChatKind, [](void* r, Scalar& v) { as<store::Chat>(r).kind = take(v); }),
        text("title", 1, kMaxNameChars, [](void* r, Scalar& v) { as<store::Chat>(r).title = take(v); }),
        time("createdAt", [](void* r, Scalar& v) { as<store::Chat>(r).createdAt = v.integer; }),
        text("classId", 1, kMaxClassIdChars, [](void* r, Scalar& v) { as<store::Chat>(r).classId = take(v); }, false),
    };
    static const std::vector<Field> kMembership = {
        id("chatId", [](void* r, Scalar& v) { as<store::Membership>(r).chatId = v.integer; }),
        id("userId", [](void* r, Scalar& v) { as<store::Membership>(r).userId = v.integer; }),
        named("role", Rule::ChatRole, [](void* r, Scalar& v) { as<store::Membership>(r).role = take(v); }),
    };
    static const std::vector<Field> kMembershipRemoved = {
        id("chatId", [](void* r, Scalar& v) { as<MembershipRemoved>(r).chatId = v.integer; }),
        id("userId", [](void* r, Scalar& v) { as<MembershipRemoved>(r).userId = v.integer; }),
    };
    static const std::vector<Field> kMessage = {
        id("id", [](void* r, Scalar& v) { as<Message>(r).id = v.integer; }),
        id("chatId", [](void* r, Scalar& v) { as<Message>(r).chatId = v.integer; }),
        id("senderId", [](void* r, Scalar& v) { as<Message>(r).senderId = v.integer; }),
        time("serverTime", [](void* r, Scalar& v) { as<Message>(r).serverTime = v.integer; }),
        text("text", 0, kMaxMessageChars, [](void* r, Scalar& v) { as<Message>(r).text = take(v); }),
        id("replyTo", [](void* r, Scalar& v) { as<Message>(r).replyTo = v.integer; }, false),
        time("editedAt", [](void* r, Scalar& v) { as<Message>(r).editedAt = v.integer; }, false),
        boolean("deleted", [](void* r, Scalar& v) { as<Message>(r).deleted = v.boolean; }, false),
        boolean("pinned", [](void* r, Scalar& v) { as<Message>(r).pinned = v.boolean; }, false),
        uuid("clientId", [](void* r, Scalar& v) { as<Message>(r).clientId = take(v); }),
        array("attachments", Shape::Attachments, 0, kMaxAttachments,
              [](void* r) -> void* { return &as<Message>(r).attachments; }, false),
        object("poll", Shape::Poll, [](void* r) -> void* { return &as<Message>(r).poll.emplace(); }, false),
    };
    static const std::vector<Field> kAttachment = {
        id("id", [](void* r, Scalar& v) { as<store::Attachment>(r).id = v.integer; }),
        text("name", 1, kMaxNameChars, [](void* r, Scalar& v) { as<store::Attachment>(r).name = take(v); }),
        text("mimeType", 1, kMaxMimeTypeLength, [](void* r, Scalar& v) { as<store::Attachment>(r).mimeType = take(v); }),
        integer("sizeBytes", 0, kMaxAttachmentBytes, [](void* r, Scalar& v) { as<store::Attachment>(r).sizeBytes = v.integer; }),
    };
    static const std::vector<Field> kPoll = {
        text("question", 1, kMaxMessageChars, [](void* r, Scalar& v) { as<store::Poll>(r).question = take(v); }),
        boolean("multipleChoice", [](void* r, Scalar& v) { as<store::Poll>(r).multipleChoice = v.boolean; }, false),
        array("options", Shape::PollOptions, kMinPollOptions, kMaxPollOptions,
              [](void* r) -> void* { return &as<store::Poll>(r).options; }, true),
    };
    static const std::vector<Field> kPollOption = {
        id("id", [](void* r, Scalar& v) { as<store::PollOption>(r).id = v.integer; }),
        text("text", 1, kMaxNameChars, [](void* r, Scalar& v) { as<store::PollOption>(r).text = take(v); }),
    };
    static const std::vector<Field> kMessageEdited = {
        id("id", [](void* r, Scalar& v) { as<store::MessageEdit>(r).id = v.integer; }),
        id("chatId", [](void* r, Scalar& v) { as<store::MessageEdit>(r).chatId = v.integer; }),
        text("text", 0, kMaxMessageChars, [](void* r, Scalar& v) { as<store::MessageEdit>(r).text = take(v); }),
        time("editedAt", [](void* r, Scalar& v) { as<store::MessageEdit>(r).editedAt = v.integer; }),
    };
    static const std::vector<Field> kMessageDeleted = {
        id("id", [](void* r, Scalar& v) { as<MessageDeleted>(r).id = v.integer; }),
        id("chatId", [](void* r, Scalar& v) { as<MessageDeleted>(r).chatId = v.integer; }),
    };
    static const std::vector<Field> kPollVotes = {
        id("messageId", [](void* r, Scalar& v) { as<store::PollVotes>(r).messageId = v.integer; }),
        id("userId", [](void* r, Scalar& v) { as<store::PollVotes>(r).userId = v.integer; }),
        array("optionIds", Shape::OptionIds, 0, kMaxPollOptions,
              [](void* r) -> void* { return &as<store::PollVotes>(r).optionIds; }, true),
    };
    static const std::vector<Field> kReadState = {
        id("chatId", [](void* r, Scalar& v) { as<ReadState>(r).chatId = v.integer; }),
        id("lastReadId", [](void* r, Scalar& v) { as<ReadState>(r).lastReadId = v.integer; }),
    };
    static const std::vector<Field> kInvite = {
        id("id", [](void* r, Scalar& v) { as<store::Invite>(r).id = v.integer; }),
        id("chatId", [](void* r, Scalar& v) { as<store::Invite>(r).chatId = v.integer; }),
        oneOf("state", kInviteStates, [](void* r, Scalar& v) { as<store::Invite>(r).state = take(v); }),
        id("createdBy", [](void* r, Scalar& v) { as<store::Invite>(r).createdBy = v.integer; }),
        time("createdAt", [](void* r, Scalar& v) { as<store::Invite>(r).createdAt = v.integer; }),
        time("expiresAt", [](void* r, Scalar& v) { as<store::Invite>(r).expiresAt = v.integer; }, false),
    };
    static const std::vector<Field> kJoinRequest = {
        id("id", [](void* r, Scalar& v) { as<store::JoinRequest>(r).id = v.integer; }),
        id("chatId", [](void* r, Scalar& v) { as<store::JoinRequest>(r).chatId = v.integer; }),
        id("userId", [](void* r, Scalar& v) { as<store::JoinRequest>(r).userId = v.integer; }),
        oneOf("state", kJoinRequestStates, [](void* r, Scalar& v) { as<store::JoinRequest>(r).state = take(v); }),
        time("createdAt", [](void* r, Scalar& v) { as<store::JoinRequest>(r).createdAt = v.integer; }),
    };
    switch (shape) {
        case Shape::Page: return kPage;
        case Shape::SendAnswer: return kSendAnswer;
        case Shape::ChangeAnswer: return kChangeAnswer;
        case Shape::Me: return kMe;
        case Shape::Child: return kChild;
        case Shape::User: return kUser;
        case Shape::Chat: return kChat;
        case Shape::Membership: return kMembership;
        case Shape::MembershipRemoved: return kMembershipRemoved;
        case Shape::Message: return kMessage;
        case Shape::Attachment: return kAttachment;
        case Shape::Poll: return kPoll;
        case Shape::PollOption: return kPollOption;
        case Shape::MessageEdited: return kMessageEdited;
        case Shape::MessageDeleted: return kMessageDeleted;
        case Shape::PollVotes: return kPollVotes;
        case Shape::ReadState: return kReadState;
        case Shape::Invite: return kInvite;
        case Shape::JoinRequest: return kJoinRequest;
        default: return kNone;
    }
}

// What each item of an array is.
Field itemOf(Shape array) {
    switch (array) {
        case Shape::Events: return objectItem(Shape::Event, [](void* r) { return r; });
        case Shape::Roles:
            return item(Rule::SchoolRoleItem, [](void* r, Scalar& v) { as<std::vector<std::string>>(r).push_back(take(v)); });
        case Shape::ClassIds:
            return item(Rule::ClassIdItem, [](void* r, Scalar& v) { as<std::vector<std::string>>(r).push_back(take(v)); });
        case Shape::OptionIds:
            return item(Rule::OptionIdItem, [](void* r, Scalar& v) { as<std::vector<std::int64_t>>(r).push_back(v.integer); });
        case Shape::Children: return objectItem(Shape::Child, appendTo<store::Child>);
        case Shape::Attachments: return objectItem(Shape::Attachment, appendTo<store::Attachment>);
        case Shape::PollOptions: return objectItem(Shape::PollOption, appendTo<store::PollOption>);
        default: return objectItem(Shape::Ignored, nullptr);
    }
}

// The events of docs/protocol.md: the payload sits under a member named like the type.
struct EventType {
    std::string_view name;
    Shape payload;
    // Appends the event to the page and answers the record its payload fills.
    void* (*append)(std::vector<SyncEvent>& events);
};

template <typename Payload>
void* appendEvent(std::vector<SyncEvent>& events) {
    return &std::get<Payload>(events.emplace_back(std::in_place_type<Payload>));
}

const std::vector<EventType>& eventTypes() {
    static const std::vector<EventType> types = {
        {"me", Shape::Me, appendEvent<store::Me>},
        {"user", Shape::User, appendEvent<store::User>},
        {"chat", Shape::Chat, appendEvent<store::Chat>},
        {"membership", Shape::Membership, appendEvent<store::Membership>},
        {"membershipRemoved", Shape::MembershipRemoved, appendEvent<MembershipRemoved>},
        {"message", Shape::Message, appendEvent<store::Message>},
        {"messageEdited", Shape::MessageEdited, appendEvent<store::MessageEdit>},
        {"messageDeleted", Shape::MessageDeleted, appendEvent<MessageDeleted>},
        {"pollVotes", Shape::PollVotes, appendEvent<store::PollVotes>},
        {"readState", Shape::ReadState, appendEvent<ReadState>},
        {"invite", Shape::Invite, appendEvent<store::Invite>},
        {"joinRequest", Shape::JoinRequest, appendEvent<store::JoinRequest>},
        // `reset` carries no payload; one, if present, must be an object and is ignored.
        {"reset", Shape::Ignored, appendEvent<Reset>},
    };
    return types;
}

const EventType* eventTypeNamed(std::string_view name) {
    const auto& types = eventTypes();
    const auto found = std::find_if(types.begin(), types.end(), [name](const EventType& type) { return type.name == name; });
    return found == types.end() ? nullptr : &*found;
}

// The SAX handler. A stack of frames follows the document; each frame is an object or array of
// a known shape, and the frame's current member says how the next value is read. The first
// violation is kept and stops the parse.
class PageReader {
public:
    PageReader(Shape root, void* record) : root_(root), rootRecord_(record) {}

    std::optional<FieldError>& error() { return error_; }

    bool null() { return scalar({}); }
    bool boolean(bool value) {
        Scalar s;
        s.type = Scalar::Type::Boolean;
        s.boolean = value;
        return scalar(s);
    }
    bool number_integer(json::number_integer_t value) {
        Scalar s;
        s.type = Scalar::Type::Integer;
        s.integer = value;
        return scalar(s);
    }
    // nlohmann reads every non-negative integer as unsigned.
    bool number_unsigned(json::number_unsigned_t value) {
        if (buffer_) return forwarded(buffer_->number_unsigned(value));
        Scalar s;
        s.type = value > static_cast<std::uint64_t>(kMaxId) ? Scalar::Type::TooLarge : Scalar::Type::Integer;
        s.integer = static_cast<std::int64_t>(value);
        return scalar(s);
    }
    bool number_float(json::number_float_t value, const json::string_t& text) {
        if (buffer_) return forwarded(buffer_->number_float(value, text));
        Scalar s;
        s.type = Scalar::Type::Float;
        return scalar(s);
    }
    bool string(json::string_t& value) {
        Scalar s;
        s.type = Scalar::Type::String;
        s.text = &value;
        return scalar(s);
    }
    bool binary(json::binary_t&) { return fail(valuePath(), "expected JSON text"); }
    bool start_object(std::size_t) { return open(true); }
    bool start_array(std::size_t) { return open(false); }
    bool end_object() { return closeObject(); }
    bool end_array() { return closeArray(); }
    bool key(json::string_t& name);
    template <class Exception>
    bool parse_error(std::size_t, const std::string&, const Exception&) {
        if (!error_) error_ = FieldError{"", "expected a JSON document"};
        return false;
    }

private:
    struct Frame {
        Shape shape = Shape::Ignored;
        void* record = nullptr;
        const std::vector<Field>* fields = nullptr;
        std::uint32_t named = 0;    // bit i: fields[i]'s name has appeared
        std::uint32_t present = 0;  // bit i: fields[i] had a value other than null
        // The member whose value comes next (nullptr: an unknown one), or an array's item.
        const Field* field = nullptr;
        std::string_view key;  // the member's name, unless it is unknown: then unknownKey
        bool keyIsUnknown = false;
        std::string unknownKey;
        std::vector<std::string> otherNames;  // names outside the table, for repetitions
        std::size_t items = 0;                // arrays: items so far
        // Events only: the type, once read, and members kept whole because they came before it.
        const EventType* eventType = nullptr;
        bool payloadPresent = false;
        std::vector<std::pair<std::string, json>> early;
    };

    Frame& top() { return frames_.back(); }
    bool fail(std::string path, std::string expected) {
        if (!error_) error_ = FieldError{std::move(path), std::move(expected)};
        return false;
    }
    std::string pathOf(std::size_t depth) const;
    // Where the next value goes: the current member of the top frame, or its current item.
    std::string valuePath() const { return pathOf(frames_.size()); }
    std::string memberPath(std::string_view name) const {
        std::string path = pathOf(frames_.size() - 1);
        if (!path.empty()) path += '.';
        path += name;
        return path;
    }

    bool scalar(Scalar value);
    bool checkScalar(const Field& field, Scalar& value);
    bool open(bool isObject);
    bool push(Shape shape, void* record);
    bool closeObject();
    bool closeArray();
    bool checkEnd(Frame& frame);
    bool eventKey(Frame& frame, json::string_t& name);
    bool eventType(Scalar& value);
    bool openPayload(bool isObject);
    // Keeping a member whole until the event's type says how to read it: after each event handed
    // to the builder, takes over its error or ends the member once it is whole.
    bool forwarded(bool accepted);
    bool replay(const json& value);

    Shape root_;
    void* rootRecord_;
    std::vector<Frame> frames_;
    std::optional<FieldError> error_;
    std::optional<JsonDocumentBuilder> buffer_;
    std::size_t bufferDepth_ = 0;
};

std::string PageReader::pathOf(std::size_t depth) const {
    std::string path;
    for (std::size_t i = 0; i < depth && i < frames_.size(); ++i) {
        const Frame& frame = frames_[i];
        if (isArrayShape(frame.shape)) {
            if (frame.items > 0) path += "[" + std::to_string(frame.items - 1) + "]";
        } else if (frame.keyIsUnknown || !frame.key.empty()) {
            if (!path.empty()) path += '.';
            path += frame.keyIsUnknown ? std::string_view(frame.unknownKey) : frame.key;
        }
    }
    return path;
}

bool PageReader::key(json::string_t& name) {
    if (buffer_) return forwarded(buffer_->key(name));
    Frame& frame = top();
    if (frame.shape == Shape::Event) return eventKey(frame, name);
    frame.keyIsUnknown = false;
    frame.field = nullptr;
    const std::vector<Field>& fields = *frame.fields;
    for (std::size_t i = 0; i < fields.size(); ++i) {
        if (fields[i].name != name) continue;
        const std::uint32_t bit = 1u << i;
        frame.key = fields[i].name;
        if (frame.named & bit) return fail(valuePath(), "expected a name that appears once in its object");
        frame.named |= bit;
        frame.field = &fields[i];
        return true;
    }
    frame.unknownKey = name;
    frame.keyIsUnknown = true;
    if (std::find(frame.otherNames.begin(), frame.otherNames.end(), name) != frame.otherNames.end()) {
        return fail(valuePath(), "expected a name that appears once in its object");
    }
    frame.otherNames.push_back(name);
    return true;
}

bool PageReader::eventKey(Frame& frame, json::string_t& name) {
    frame.unknownKey = name;
    frame.keyIsUnknown = true;
    if (std::find(frame.otherNames.begin(), frame.otherNames.end(), name) != frame.otherNames.end()) {
        return fail(valuePath(), "expected a name that appears once in its object");
    }
    frame.otherNames.push_back(name);
    frame.field = nullptr;
    frame.key = {};
    if (name == "type") {
        frame.keyIsUnknown = false;
        frame.key = "type";
        return true;
    }
    const EventType* named = eventTypeNamed(name);
    if (!named) return true;  // an unknown member, ignored
    if (frame.eventType) {
        if (frame.eventType != named) return true;  // another type's name: an unknown member
        frame.keyIsUnknown = false;
        frame.key = named->name;
        return true;
    }
    // The payload may come before the type (a server that sorts its keys): keep it whole.
    frame.early.emplace_back(name, json());
    buffer_.emplace(frame.early.back().second);
    bufferDepth_ = 0;
    return true;
}

bool PageReader::forwarded(bool accepted) {
    if (!accepted && !buffer_->error()) return fail(valuePath(), "expected a JSON document");
    if (buffer_->error()) {
        const FieldError& inner = *buffer_->error();
        std::string path = valuePath();
        if (!inner.path.empty()) path += inner.path.front() == '[' ? inner.path : "." + inner.path;
        return fail(path, inner.expected);
    }
    if (bufferDepth_ == 0) buffer_.reset();
    return true;
}

bool PageReader::scalar(Scalar value) {
    if (buffer_) {
        switch (value.type) {
            case Scalar::Type::Null: buffer_->null(); break;
            case Scalar::Type::Boolean: buffer_->boolean(value.boolean); break;
            case Scalar::Type::Integer: buffer_->number_integer(value.integer); break;
            case Scalar::Type::TooLarge:  // number_unsigned and number_float forward themselves
            case Scalar::Type::Float: break;
            case Scalar::Type::String: buffer_->string(*value.text); break;
        }
        return forwarded(true);
    }
    if (frames_.empty()) return fail("", "expected object");
    Frame& frame = top();
    if (frame.shape == Shape::IgnoredArray) return ++frame.items, true;
    if (isArrayShape(frame.shape)) {
        ++frame.items;
        const Field item = itemOf(frame.shape);
        if (frame.items > static_cast<std::size_t>(frame.field->max)) {
            return fail(pathOf(frames_.size() - 1), "expected at most " + std::to_string(frame.field->max) + " items");
        }
        if (!checkScalar(item, value)) return false;
        item.store(frame.record, value);
        return true;
    }
    if (frame.shape == Shape::Event) {
        if (frame.key == "type" && !frame.keyIsUnknown) return eventType(value);
        if (!frame.keyIsUnknown && frame.eventType) {
            // The payload: null means absent; `reset` may have none.
            if (value.type == Scalar::Type::Null) return true;
            return fail(valuePath(), "expected object");
        }
        return true;
    }
    if (!frame.field || frame.shape == Shape::Ignored) return true;  // an unknown member's value
    const Field& field = *frame.field;
    if (value.type == Scalar::Type::Null) return true;  // absent: "required" is decided at the end
    if (!checkScalar(field, value)) return false;
    frame.present |= 1u << (&field - frame.fields->data());
    field.store(frame.record, value);
    return true;
}

bool PageReader::checkScalar(const Field& field, Scalar& value) {
    const bool isInteger = value.type == Scalar::Type::Integer || value.type == Scalar::Type::TooLarge;
    const bool isString = value.type == Scalar::Type::String;
    switch (field.rule) {
        case Rule::Id:
        case Rule::Time:
        case Rule::Integer: {
            if (!isInteger) return fail(valuePath(), "expected integer");
            if (value.type == Scalar::Type::TooLarge || value.integer < field.min || value.integer > field.max) {
                return fail(valuePath(),
                            "expected integer from " + std::to_string(field.min) + " to " + std::to_string(field.max));
            }
            return true;
        }
        case Rule::Boolean:
            return value.type == Scalar::Type::Boolean || fail(valuePath(), "expected boolean");
        case Rule::Uuid:
            return (isString && isValidUuid(*value.text)) || fail(valuePath(), "expected lower-case UUID");
        case Rule::Object: return fail(valuePath(), "expected object");
        case Rule::Array: return fail(valuePath(), "expected array");
        case Rule::SchoolRoleItem:
            return (isString && policy::schoolRoleFromName(*value.text).has_value()) ||
                   fail(valuePath(), "expected a school role of docs/permissions.md");
        case Rule::ClassIdItem: {
            const bool valid = isString && !value.text->empty() &&
                               utf8::countCodePointsUpTo(*value.text, kMaxClassIdChars) <= kMaxClassIdChars;
            return valid || fail(valuePath(), "expected a class id of 1 to " + std::to_string(kMaxClassIdChars) + " characters");
        }
        case Rule::OptionIdItem:
            return (value.type == Scalar::Type::Integer && value.integer >= 1) ||
                   fail(valuePath(), "expected positive integer");
        case Rule::ObjectItem: return fail(valuePath(), "expected object");
        case Rule::Text:
        case Rule::Cursor:
        case Rule::Token:
        case Rule::OneOf:
        case Rule::ChatKind:
        case Rule::ChatRole: break;
    }
    // Texts.
    if (!isString) return fail(valuePath(), "expected string");
    const std::string& text = *value.text;
    const std::size_t chars = utf8::countCodePointsUpTo(text, static_cast<std::size_t>(field.max));
    if (chars < static_cast<std::size_t>(field.min) || chars > static_cast<std::size_t>(field.max)) {
        return fail(valuePath(), "expected " + std::to_string(field.min) + " to " + std::to_string(field.max) + " characters");
    }
    if (text.find('\0') != std::string::npos) return fail(valuePath(), "expected text without NUL characters");
    switch (field.rule) {
        case Rule::Cursor:
            return isValidCursor(text) || fail(valuePath(), "expected URL-safe characters A-Z a-z 0-9 - . _ ~");
        case Rule::Token:
            return isToken(text) || fail(valuePath(), "expected lower-case identifier [a-z][a-z0-9_]*");
        case Rule::OneOf: {
            if (std::find(field.choices->begin(), field.choices->end(), text) != field.choices->end()) return true;
            std::string expected = "expected one of";
            for (const std::string_view choice : *field.choices) expected += " " + std::string(choice);
            return fail(valuePath(), expected);
        }
        case Rule::ChatKind:
            return policy::chatKindFromName(text).has_value() ||
                   fail(valuePath(), "expected a chat kind of docs/permissions.md");
        case Rule::ChatRole:
            return policy::chatRoleFromName(text).has_value() ||
                   fail(valuePath(), "expected a chat role of docs/permissions.md");
        default: return true;
    }
}

bool PageReader::eventType(Scalar& value) {
    Frame& frame = top();
    const Field typeField = text("type", 1, kMaxEventTypeLength, nullptr);
    if (value.type == Scalar::Type::Null) return true;  // absent: "required" at the end
    if (!checkScalar(typeField, value)) return false;
    frame.eventType = eventTypeNamed(*value.text);
    if (!frame.eventType) return fail(valuePath(), "expected a known event type");
    void* payload = frame.eventType->append(*static_cast<std::vector<SyncEvent>*>(frame.record));
    frame.record = payload;
    // A payload that came before the type is read now, as if it had come after it.
    const auto early = std::find_if(frame.early.begin(), frame.early.end(),
                                    [&](const auto& member) { return member.first == frame.eventType->name; });
    if (early == frame.early.end()) return true;
    const json kept = std::move(early->second);
    frame.early.clear();
    frame.key = frame.eventType->name;
    frame.keyIsUnknown = false;
    return replay(kept);
}

bool PageReader::replay(const json& value) {
    switch (value.type()) {
        case json::value_t::object: {
            if (!start_object(value.size())) return false;
            for (const auto& [name, member] : value.items()) {
                json::string_t key = name;
                if (!this->key(key) || !replay(member)) return false;
            }
            return end_object();
        }
        case json::value_t::array: {
            if (!start_array(value.size())) return false;
            for (const json& item : value) {
                if (!replay(item)) return false;
            }
            return end_array();
        }
        case json::value_t::null: return null();
        case json::value_t::boolean: return boolean(value.get<bool>());
        case json::value_t::number_integer: return number_integer(value.get<std::int64_t>());
        case json::value_t::number_unsigned: return number_unsigned(value.get<std::uint64_t>());
        case json::value_t::number_float: return number_float(value.get<double>(), "");
        case json::value_t::string: {
            json::string_t text = value.get<std::string>();
            return string(text);
        }
        default: return fail(valuePath(), "expected JSON text");
    }
}

bool PageReader::push(Shape shape, void* record) {
    if (frames_.size() >= kMaxJsonNesting) {
        return fail(valuePath(), "expected at most " + std::to_string(kMaxJsonNesting) + " levels of nesting");
    }
    Frame& frame = frames_.emplace_back();
    frame.shape = shape;
    frame.record = record;
    frame.fields = &fieldsOf(shape);
    return true;
}

bool PageReader::open(bool isObject) {
    if (buffer_) {
        ++bufferDepth_;
        return forwarded(isObject ? buffer_->start_object(0) : buffer_->start_array(0));
    }
    if (frames_.empty()) return isObject ? push(root_, rootRecord_) : fail("", "expected object");
    Frame& frame = top();
    if (frame.shape == Shape::IgnoredArray) {
        ++frame.items;
        return push(isObject ? Shape::Ignored : Shape::IgnoredArray, nullptr);
    }
    if (isArrayShape(frame.shape)) {
        ++frame.items;
        if (frame.items > static_cast<std::size_t>(frame.field->max)) {
            return fail(pathOf(frames_.size() - 1), "expected at most " + std::to_string(frame.field->max) + " items");
        }
        const Field item = itemOf(frame.shape);
        Scalar notAScalar = container();
        if (item.rule != Rule::ObjectItem || !isObject) return checkScalar(item, notAScalar);
        return push(item.shape, item.open(frame.record));
    }
    if (frame.shape == Shape::Event) {
        if (frame.key == "type" && !frame.keyIsUnknown) return fail(valuePath(), "expected string");
        if (!frame.keyIsUnknown && frame.eventType) return openPayload(isObject);
        return push(isObject ? Shape::Ignored : Shape::IgnoredArray, nullptr);
    }
    if (frame.shape == Shape::Ignored || !frame.field) return push(isObject ? Shape::Ignored : Shape::IgnoredArray, nullptr);
    const Field& field = *frame.field;
    const bool fits = (field.rule == Rule::Object && isObject) || (field.rule == Rule::Array && !isObject);
    if (!fits) {
        Scalar notAScalar = container();
        return checkScalar(field, notAScalar);
    }
    frame.present |= 1u << (&field - frame.fields->data());
    void* child = field.open(frame.record);
    if (!push(field.shape, child)) return false;
    top().field = field.rule == Rule::Array ? &field : nullptr;
    return true;
}

bool PageReader::openPayload(bool isObject) {
    Frame& frame = top();
    if (!isObject) return fail(valuePath(), "expected object");
    frame.payloadPresent = true;
    return push(frame.eventType->payload, frame.record);
}

bool PageReader::closeObject() {
    if (buffer_) {
        --bufferDepth_;
        return forwarded(buffer_->end_object());
    }
    if (!checkEnd(top())) return false;
    frames_.pop_back();
    return true;
}

bool PageReader::closeArray() {
    if (buffer_) {
        --bufferDepth_;
        return forwarded(buffer_->end_array());
    }
    Frame& frame = top();
    if (frame.field && frame.items < static_cast<std::size_t>(frame.field->min)) {
        const auto minItems = static_cast<std::size_t>(frame.field->min);
        return fail(pathOf(frames_.size() - 1),
                    "expected at least " + std::to_string(minItems) + (minItems == 1 ? " item" : " items"));
    }
    frames_.pop_back();
    return true;
}

bool PageReader::checkEnd(Frame& frame) {
    if (frame.shape == Shape::Event) {
        if (!frame.eventType) return fail(memberPath("type"), "required");
        if (!frame.payloadPresent && frame.eventType->payload != Shape::Ignored) {
            return fail(memberPath(frame.eventType->name), "required");
        }
        return true;
    }
    const std::vector<Field>& fields = *frame.fields;
    for (std::size_t i = 0; i < fields.size(); ++i) {
        if (fields[i].required && !(frame.present & (1u << i))) return fail(memberPath(fields[i].name), "required");
    }
    if (frame.shape == Shape::Chat) {
        // The policy cannot decide in a class's chat without knowing the class.
        const store::Chat& chat = as<store::Chat>(frame.record);
        const std::optional<policy::ChatKind> kind = policy::chatKindFromName(chat.kind);
        if (kind && policy::isClassBound(*kind) && chat.classId.empty()) {
            return fail(memberPath("classId"), "required for a " + chat.kind);
        }
    }
    if (frame.shape == Shape::PollOption) {
        // Votes name options by id: two options under one id could not be told apart.
        const auto& options = as<std::vector<store::PollOption>>(frames_[frames_.size() - 2].record);
        const std::int64_t id = options.back().id;
        const bool repeated = std::any_of(options.begin(), options.end() - 1,
                                          [id](const store::PollOption& earlier) { return earlier.id == id; });
        if (repeated) return fail(memberPath("id"), "expected an id no other option has");
    }
    return true;
}

// Runs the reader over the text; answers the first violation.
std::optional<FieldError> read(std::string_view text, Shape root, void* record) {
    if (!hasNoNulByte(text)) return FieldError{"", "expected a JSON document"};
    PageReader reader(root, record);
    const bool parsed = json::sax_parse(text.begin(), text.end(), &reader);
    if (!parsed && !reader.error()) reader.error() = FieldError{"", "expected a JSON document"};
    return reader.error();
}

}  // namespace

bool isValidCursor(std::string_view cursor) {
    if (cursor.empty() || cursor.size() > kMaxCursorLength) return false;
    // URL-safe, so the cursor goes into ?since= verbatim.
    return std::all_of(cursor.begin(), cursor.end(), [](char c) {
        return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '.' ||
               c == '_' || c == '~';
    });
}

SyncPageParse parseSyncPage(std::string_view text) {
    SyncPageParse result;
    result.error = read(text, Shape::Page, &result.page);
    if (result.error) result.page = SyncPage{};
    return result;
}

std::optional<std::vector<SyncEvent>> parseChangeAnswer(std::string_view body) {
    std::vector<SyncEvent> events;
    if (read(body, Shape::ChangeAnswer, &events)) return std::nullopt;
    return events;
}

std::optional<store::Message> parseSentMessage(std::string_view body) {
    std::optional<store::Message> message;
    if (read(body, Shape::SendAnswer, &message)) return std::nullopt;
    return message;
}

}  // namespace parta::sync
