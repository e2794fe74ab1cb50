-- The scheduler claims due policies a batch at a time: one UPDATE marks up to N due rows with this tick's token
-- (no other replica takes a marked row until claimed_until), then each due time is finished on its own row.
alter table snapshot_policy add column claim_token varchar(36);
alter table snapshot_policy add column claimed_until timestamp with time zone;
create index ix_snapshot_policy_claim on snapshot_policy (claim_token);
