-- At most one open (pending or processing) cancellation request per shopper, held by the database:
-- two requests sent at once used to both pass the route's check and both be stored, and a
-- withdrawal ended only the newest, so the purge still deleted an account its shopper had kept.
--
-- Requests stored before this are made to fit first, in two steps.
-- 1. A withdrawal ends every open request (the rule from now on): a pending request made before a
--    later withdrawal of the same shopper is withdrawn at that withdrawal's time. Requests made
--    after the last withdrawal stay open. Processing requests are left alone: the purge has them.
update cancellation_requests c
set status = 'withdrawn', withdrawn_at = w.withdrawn_at
from (
  select user_id, max(withdrawn_at) as withdrawn_at
  from cancellation_requests
  where status = 'withdrawn' and user_id is not null and withdrawn_at is not null
  group by user_id
) w
where c.user_id = w.user_id and c.status = 'pending' and c.requested_at <= w.withdrawn_at;

-- 2. Of the open requests still left per shopper, one is kept: a processing one (the purge is under
--    way) before a pending one, then the earliest (its cooling-off and deadline were the first
--    promised). The others were duplicates of it and are closed as withdrawn now.
update cancellation_requests c
set status = 'withdrawn', withdrawn_at = now()
from (
  select id, row_number() over (partition by user_id order by (status = 'processing') desc, requested_at, id) as n
  from cancellation_requests
  where status in ('pending', 'processing') and user_id is not null
) r
where c.id = r.id and r.n > 1;

create unique index cancellation_requests_one_open_idx on cancellation_requests (user_id) where status in ('pending', 'processing');

-- Kept consent proofs of accounts purged before this are cut to what is kept from now on (see
-- server/README.md, "What a purge keeps"): no client-made event id, the times cut to the day in
-- China time. Their subject hash stays, so the key holder can still show them for a user id.
update consent_events
set event_id = 'purged',
    occurred_at = date_trunc('day', occurred_at, 'Asia/Shanghai'),
    received_at = date_trunc('day', received_at, 'Asia/Shanghai')
where user_id is null;

-- Completed requests and receiver deletions were kept under the proofs' subject hash, so the
-- request (found from its id, or from the old session's deletion time) led to the proofs. From now
-- on they have their own keyed pseudonym; the key is not in the database, so the ones kept so far
-- get a random one per former shopper instead (their own requests stay grouped together).
with renamed as (
  select old, encode(sha256(convert_to(gen_random_uuid()::text, 'UTF8')), 'hex') as new
  from (select distinct subject_hash as old from cancellation_requests where user_id is null and subject_hash is not null) o
),
receivers as (
  update receiver_deletions d set subject_hash = r.new from renamed r where d.subject_hash = r.old returning 1
)
update cancellation_requests c set subject_hash = r.new from renamed r where c.subject_hash = r.old and c.user_id is null;
