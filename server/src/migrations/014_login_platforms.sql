-- Douyin login (issue 28): the platform an account belongs to and the one each session was made
-- on. A Douyin user is another subject than a WeChat user (its subject hash has its own prefix),
-- so the same openid on both makes two accounts; linking them is for the shop, later. Every row
-- before this was made by the WeChat mini-program (or a dev login standing in for it).
alter table users add column platform text not null default 'weapp' check (platform in ('weapp', 'tt'));
alter table sessions add column platform text not null default 'weapp' check (platform in ('weapp', 'tt'));
