-- The profile details a shopper gives in the privacy centre (nickname, mobile number), held with
-- the account so that they can be corrected on the server (PIPL art. 46). They go with the user
-- row: the account purge deletes them (step delete-users), and the export carries them.
alter table users add column nickname text not null default '';
alter table users add column phone text not null default '';
alter table users add column profile_updated_at timestamptz;
