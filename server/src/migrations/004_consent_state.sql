-- Each user's deciding events: the latest per consent purpose, per device and capability, the
-- latest policy decision and the latest "shown" (which never replaces a decision). The ledger
-- stays the record; the append statement keeps this table in step with it in the same
-- transaction, so reading a state costs the same however long the user's history is.
create table consent_state (
  user_id uuid not null references users(id),
  kind text not null,
  purpose text not null,
  -- The device id for permissions, '' otherwise: consents and the policy hold for the account.
  device_key text not null,
  shown boolean not null,
  value text not null,
  policy_version integer not null,
  device_id text not null,
  occurred_at timestamptz not null,
  seq bigint not null,
  primary key (user_id, kind, purpose, device_key, shown)
);

insert into consent_state (user_id, kind, purpose, device_key, shown, value, policy_version, device_id, occurred_at, seq)
select distinct on (user_id, kind, purpose, device_key, shown) user_id, kind, purpose, device_key, shown, value, policy_version, device_id, occurred_at, seq
from (
  select *, case when kind = 'permission' then device_id else '' end as device_key, kind = 'policy' and value = 'shown' as shown
  from consent_events where user_id is not null
) e
order by user_id, kind, purpose, device_key, shown, seq desc;
