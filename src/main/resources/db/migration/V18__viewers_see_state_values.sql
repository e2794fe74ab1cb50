-- Whether viewers see the values the state browser reads from snapshots (state can hold personal data): off by
-- default; editors and owners always see them.
alter table workspace add column viewers_see_state_values boolean not null default false;
