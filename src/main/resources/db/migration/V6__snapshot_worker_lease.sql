-- Which console replica is carrying an IN_PROGRESS snapshot, and until when: a replica that stops (or dies) lets its
-- lease lapse and another one takes the snapshot over; nothing about a snapshot in flight lives only in memory.
alter table job_snapshot add column worker_id varchar(64);
alter table job_snapshot add column lease_until timestamp with time zone;
