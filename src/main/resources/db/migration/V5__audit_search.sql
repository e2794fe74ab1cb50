-- The audit log page and API list console-wide (admins) newest first and filter by actor.
create index ix_audit_event_time on audit_event (occurred_at);
create index ix_audit_event_actor_time on audit_event (actor, occurred_at);
