-- Failed console sign-ins are audited without flooding the table: the attempts of one address
-- with one kind of refusal (and, for an expired or revoked token, that token) within ten minutes
-- share one row, whose count the next attempt raises. The key is set on those rows only.
alter table audit_log add column coalesce_key text;
create unique index audit_log_coalesce_key_idx on audit_log (coalesce_key) where coalesce_key is not null;
-- The audit log's date filter (China days) reads a range of `at`.
create index audit_log_at_idx on audit_log (at);
