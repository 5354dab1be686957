-- The request desk: a shopper's request to exercise a right (access, copy, portability,
-- correction, deletion of chosen categories, restriction, explanation, complaint), its deadline,
-- and ops' answer. Requests are personal data: they go with the account (the purge deletes the
-- user, and its requests with it) and appear in the shopper's export.
create table rights_requests (
  id uuid primary key,
  user_id uuid not null references users(id) on delete cascade,
  type text not null check (type in ('access', 'copy', 'portability', 'correction', 'deletion', 'restriction', 'explanation', 'complaint')),
  status text not null check (status in ('received', 'in-progress', 'fulfilled', 'refused', 'withdrawn')),
  details text,
  categories jsonb not null default '[]',
  received_at timestamptz not null,
  deadline timestamptz not null,
  decided_at timestamptz,
  outcome text check (outcome in ('fulfilled', 'refused')),
  reason jsonb,
  decided_by text,
  -- A decided request has its time and outcome; a refusal has its reason (PIPL art. 50).
  check ((status in ('fulfilled', 'refused')) = (outcome is not null)),
  check (outcome is null or outcome = status),
  check (status <> 'refused' or reason is not null),
  check ((status in ('fulfilled', 'refused', 'withdrawn')) = (decided_at is not null))
);
create index rights_requests_user_idx on rights_requests (user_id, received_at desc);
-- Ops work the open requests earliest deadline first.
create index rights_requests_open_idx on rights_requests (deadline) where status in ('received', 'in-progress');
