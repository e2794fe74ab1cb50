-- Stage 13: whether Flink restored what a run was started from (null while unknown), and what it said.
alter table flink_job add column restore_verified boolean;
alter table flink_job add column restore_verdict varchar(1000);
alter table job_run add column restore_verified boolean;
alter table job_run add column restore_verdict varchar(1000);
