-- The overseas receiver is told to delete, not only recorded as told. Each `receiver_deletions`
-- row becomes a deletion notice in an outbox: written by the purge in the purge's transaction (only
-- for shoppers who granted the cross-border consent at some time), sent by the server to the
-- receiver's endpoint, retried with backoff until it answers 2xx, and kept with that
-- acknowledgement (server/README.md, "Deletion notices to the overseas receiver").
alter table receiver_deletions
  -- The notice's own id, sent with it so the receiver can tell a resend from a new notice.
  add column notification_id uuid,
  -- The pseudonymous id the receiver knows the shopper by (a keyed HMAC of the user id); cleared
  -- once the receiver has acknowledged, as nothing more is sent.
  add column receiver_subject text,
  add column attempts integer not null default 0,
  -- When the next attempt may start; null once acknowledged, or for a notice that cannot be sent.
  add column next_attempt_at timestamptz,
  add column last_attempt_at timestamptz,
  -- Why the last attempt failed: an HTTP status or a connection error's code, never a body.
  add column last_error text,
  add column acknowledged_at timestamptz,
  add column acknowledged_status integer;

-- Rows written before this were recorded for every purged shopper, consenting or not, and nothing
-- was sent. Their user ids are gone, so neither the consent nor the receiver's id can be known now:
-- they stay, marked as never sent, and are not sent.
update receiver_deletions
set last_error = 'not sent: recorded before deletion notices were sent (no receiver id kept)'
where notification_id is null;

create unique index receiver_deletions_notification_idx on receiver_deletions (notification_id);
-- The sender's queue: notices still to be acknowledged, earliest attempt first.
create index receiver_deletions_due_idx on receiver_deletions (next_attempt_at) where acknowledged_at is null and receiver_subject is not null;
