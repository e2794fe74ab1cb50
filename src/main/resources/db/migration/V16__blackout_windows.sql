-- Stage 13: weekly windows (one per line, e.g. "Mon-Fri 09:00-17:00", in the workspace's zone) in which no scheduled
-- snapshot starts: a workspace's apply to all its jobs, a job's policy adds its own.
alter table workspace add column blackout_windows varchar(1000) not null default '';
alter table snapshot_policy add column blackout_windows varchar(1000) not null default '';
