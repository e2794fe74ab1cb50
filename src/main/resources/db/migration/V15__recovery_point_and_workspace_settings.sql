-- Stage 13: a job's recovery-point objective: its newest restorable state (completed checkpoint or job snapshot) may
-- be at most objective_seconds old while it runs. breached_at is the breach the guard has raised (alert, one webhook
-- POST); the conditional update that sets it is what makes a breach post once across replicas.
create table recovery_point_objective (
    job_id              bigint        primary key references flink_job (id) on delete cascade,
    objective_seconds   bigint        not null,
    snapshot_on_breach  boolean       not null default false,
    breached_at         timestamp with time zone,
    updated_by          varchar(64)   not null,
    updated_at          timestamp with time zone not null,
    constraint ck_recovery_point_objective check (objective_seconds between 60 and 31536000)
);

-- Workspace settings its owner keeps: the price of a GB-month of snapshot storage, for State health's cost estimate.
alter table workspace add column storage_price_per_gb_month numeric(12, 4);
