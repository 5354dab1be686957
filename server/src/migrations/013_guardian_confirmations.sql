-- A 14–17-year-old's guardian confirms by a code sent by SMS to the guardian's mobile number
-- (PIPL art. 31; the policy's "Minor" section). The number itself is never stored: `phone_hash`
-- is a keyed pseudonym of it (HMAC with PSEUDONYM_KEY), enough to rate-limit codes per number and
-- to prove which number confirmed. A confirmation not used for an account is deleted a day after
-- it was asked for; one that made an account stays as the proof of the guardian's consent, and
-- loses its account link when the account is purged.
create table guardian_confirmations (
  id uuid primary key,
  device_id text not null,
  phone_hash text not null,
  -- Keyed hash of the code sent; the code itself is not kept.
  code_hash text not null,
  created_at timestamptz not null default now(),
  expires_at timestamptz not null,
  attempts integer not null default 0,
  verified_at timestamptz,
  -- When it made an account (POST /v1/sessions with its proof); once only.
  used_at timestamptz,
  user_id uuid references users(id) on delete set null
);
create index guardian_confirmations_phone_idx on guardian_confirmations (phone_hash, created_at);
create index guardian_confirmations_device_idx on guardian_confirmations (device_id, created_at);
create index guardian_confirmations_user_idx on guardian_confirmations (user_id);
