-- Stage 12: the state backend a job runs with, and other Flink options ("Other Configurations") as key=value lines.
alter table flink_job add column state_backend varchar(16) default 'HASHMAP' not null;
alter table flink_job add column flink_options varchar(8000);
