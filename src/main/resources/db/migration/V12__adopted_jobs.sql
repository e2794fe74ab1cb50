-- Stage 12: jobs the console adopted from a cluster instead of launching them, and jobs bound to their own
-- (application-mode) cluster, whose lifecycle a deployment system such as the Flink Kubernetes Operator owns.
alter table flink_job add column engine_rest_url varchar(500);
alter table flink_job add column adopted_at timestamp with time zone;

-- An adopted run was started outside the console: it has no start strategy.
alter table job_run alter column strategy drop not null;
