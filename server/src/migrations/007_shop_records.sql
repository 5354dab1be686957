-- The demo shop's own records about a shopper: warranty registrations and, only while the
-- personalisation consent holds, the products they opened. Both are personal data: they are in
-- the shopper's export and deleted by the account purge (AccountPurger, step delete-shop-records).

-- One registration per card and shopper: registering the same number again finds the first one.
create table shop_warranties (
  id uuid primary key,
  user_id uuid not null references users(id),
  serial text not null,
  international boolean not null,
  registered_at timestamptz not null default now(),
  unique (user_id, serial)
);

-- Products a shopper opened, newest kept (the route trims each shopper's rows to the latest 50).
create table shop_product_views (
  id bigserial primary key,
  user_id uuid not null references users(id),
  product_id text not null,
  viewed_at timestamptz not null default now()
);
create index shop_product_views_user_idx on shop_product_views (user_id, viewed_at desc, id desc);
