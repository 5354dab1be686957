-- The purge job takes claimed requests by deadline: without this index each batch sorted every
-- request still in processing, so a large queue cost time quadratic in its length.
create index cancellation_requests_processing_idx on cancellation_requests(deadline) where status = 'processing';
