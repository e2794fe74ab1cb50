-- The newest completed checkpoint and the newest finished snapshot of many jobs at once (State health, the
-- recovery-point guard): found through these indexes, never by scanning other jobs' rows.
create index ix_job_checkpoint_job_status_end on job_checkpoint (job_id, status, end_time);
create index ix_job_snapshot_job_status_completed on job_snapshot (job_id, status, completed_at);
