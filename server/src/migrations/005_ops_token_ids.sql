-- Audit rows name their actor by token id as well as by name (names need not have been unique).
alter table audit_log add column actor_id uuid;

-- Token names are unique among tokens not revoked. Live duplicates made before this keep their
-- rows; all but the oldest get the start of their id appended to the name.
update ops_tokens t set name = left(t.name, 50) || ' (' || left(t.id::text, 8) || ')'
  where t.revoked_at is null
    and exists (select 1 from ops_tokens o where o.name = t.name and o.revoked_at is null and (o.created_at, o.id) < (t.created_at, t.id));
create unique index ops_tokens_live_name_idx on ops_tokens (name) where revoked_at is null;
