-- The separate consents' texts are versioned with the policy like the two lists: one more kind of
-- row in policy_lists (a version without one inherits the newest earlier one, else the app's own).
alter table policy_lists drop constraint policy_lists_kind_check;
alter table policy_lists add constraint policy_lists_kind_check check (kind in ('collection', 'sharing', 'consents'));

-- The hash of the consent text the shopper answered (PIPL art. 14: informed consent to these words).
-- Null for events of clients that do not send it, and for every policy and permission event.
alter table consent_events add column text_hash text;
