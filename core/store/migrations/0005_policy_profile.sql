-- What the permission policy needs to decide on this device (issue 4 meets issue 3): the
-- signed-in subject's assignments, and the class a chat belongs to. Class ids are the
-- school's strings ("5A"); lists are JSON arrays as the server sent them.
ALTER TABLE me ADD COLUMN verified INTEGER NOT NULL DEFAULT 0;
ALTER TABLE me ADD COLUMN class_teacher_of TEXT NOT NULL DEFAULT '[]';
ALTER TABLE me ADD COLUMN teaches TEXT NOT NULL DEFAULT '[]';
ALTER TABLE me ADD COLUMN student_of TEXT NOT NULL DEFAULT '';
ALTER TABLE me ADD COLUMN children TEXT NOT NULL DEFAULT '[]';  -- [{"userId": id, "classId": "5A"}]

ALTER TABLE chats ADD COLUMN class_id TEXT;  -- NULL for chats of no class

-- Rows synced before this version lack the profile and class ids, and their chat kinds may
-- predate the policy's names. Forgetting the cursor makes the next sync a full snapshot,
-- whose upserts fill them in; messages, the outbox and drafts stay readable meanwhile.
DELETE FROM sync_state;
