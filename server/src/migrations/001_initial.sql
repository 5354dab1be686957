-- Shoppers. `subject_hash` is a one-way hash of the WeChat openid (or dev login name): enough to
-- recognise the same WeChat user at the next login, useless to anyone reading the table.
create table users (
  id uuid primary key,
  subject_hash text not null unique,
  created_at timestamptz not null default now(),
  last_login_at timestamptz not null default now()
);

-- Opaque session tokens, stored as sha256. After a purge the row stays with no user id so the old
-- token is answered with 410 ACCOUNT_DELETED instead of 401.
create table sessions (
  token_hash text primary key,
  user_id uuid references users(id),
  created_at timestamptz not null default now(),
  expires_at timestamptz not null,
  revoked_at timestamptz,
  account_deleted_at timestamptz
);
create index sessions_user_idx on sessions(user_id);

create table policy_versions (
  version integer primary key,
  status text not null check (status in ('draft', 'published')),
  content jsonb not null,
  content_hash text not null,
  material boolean,
  summary jsonb,
  changed_sections jsonb not null default '[]',
  created_by text not null,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  published_by text,
  published_at timestamptz
);

-- Activation history; the active version is the newest activation whose time has come, so a
-- scheduled activation needs no job and a rollback is one more row.
create table policy_activations (
  id bigint generated always as identity primary key,
  version integer not null references policy_versions(version),
  effective_at timestamptz not null,
  created_by text not null,
  created_at timestamptz not null default now()
);
create index policy_activations_effective_idx on policy_activations(effective_at desc, id desc);

-- The append-only consent ledger; `seq` is the server's receive order. After a purge `user_id` is
-- null and `subject_hash` keeps the proof linkable without naming anyone.
create table consent_events (
  seq bigint generated always as identity primary key,
  user_id uuid references users(id),
  subject_hash text,
  event_id text not null,
  kind text not null,
  purpose text not null,
  value text not null,
  policy_version integer not null,
  device_id text not null,
  occurred_at timestamptz not null,
  source text not null,
  received_at timestamptz not null default now(),
  unique (user_id, event_id)
);
create index consent_events_user_idx on consent_events(user_id, seq);

create table idempotency_keys (
  user_id uuid not null references users(id),
  route text not null,
  key text not null,
  request_hash text not null,
  status_code integer not null,
  response jsonb not null,
  created_at timestamptz not null default now(),
  primary key (user_id, route, key)
);

create table cancellation_requests (
  id uuid primary key,
  user_id uuid references users(id),
  subject_hash text,
  status text not null check (status in ('pending', 'withdrawn', 'processing', 'completed')),
  reason text,
  requested_at timestamptz not null,
  cooling_off_ends_at timestamptz not null,
  deadline timestamptz not null,
  withdrawn_at timestamptz,
  processing_started_at timestamptz,
  completed_at timestamptz
);
create index cancellation_requests_user_idx on cancellation_requests(user_id, requested_at desc);
create index cancellation_requests_due_idx on cancellation_requests(status, cooling_off_ends_at);

-- What the overseas receiver named in the policy has been told to delete.
create table receiver_deletions (
  cancellation_id uuid primary key references cancellation_requests(id),
  subject_hash text not null,
  receiver text not null,
  recorded_at timestamptz not null default now()
);

create table ops_tokens (
  id uuid primary key,
  name text not null,
  role text not null check (role in ('viewer', 'publisher')),
  token_hash text not null unique,
  created_by text not null,
  created_at timestamptz not null default now(),
  expires_at timestamptz not null,
  revoked_at timestamptz
);

create table audit_log (
  id bigint generated always as identity primary key,
  at timestamptz not null default now(),
  actor text not null,
  action text not null,
  target text,
  details jsonb not null default '{}'
);
