-- The ops console: browser sessions, the two lists (versioned with the policy) and the privacy-guide
-- filings made in WeChat's admin console.

-- A console session is a random secret held only in an HttpOnly cookie; the server keeps its sha256
-- and the ops token sealed under a key derived from that secret, so neither a database copy nor a
-- script in the page can recover the token.
create table ops_console_sessions (
  id_hash text primary key,
  token_id uuid not null references ops_tokens(id),
  sealed_token text not null,
  created_at timestamptz not null default now(),
  expires_at timestamptz not null
);
create index ops_console_sessions_token_idx on ops_console_sessions(token_id);

-- The collection list and the third-party list as ops saved them for a policy version. A version
-- without a row inherits the newest earlier row (or the bundled list), and only drafts take edits,
-- so a published version's lists never change.
create table policy_lists (
  version integer not null references policy_versions(version),
  kind text not null check (kind in ('collection', 'sharing')),
  items jsonb not null,
  updated_by text not null,
  updated_at timestamptz not null default now(),
  primary key (version, kind)
);

-- Each time ops record that the privacy-guide declarations were filed in WeChat's admin console:
-- the checklist as filed, so the next change to the permission catalogue can be shown against it.
create table privacy_guide_filings (
  id bigint generated always as identity primary key,
  policy_version integer references policy_versions(version),
  items jsonb not null,
  filed_by text not null,
  filed_at timestamptz not null default now()
);
