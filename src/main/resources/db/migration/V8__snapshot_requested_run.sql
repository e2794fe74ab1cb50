-- The Flink run (job id) a snapshot was requested of, written with the row. engine_job_id stays "the run it was
-- triggered on" (null until triggered). After a restart the worker compares the requested run with the job's current
-- run: a snapshot of a run that no longer exists is settled from storage (its savepoint's _metadata) instead of being
-- triggered on a different run or polled on a cluster that forgot it.
alter table job_snapshot add column requested_run varchar(64);
