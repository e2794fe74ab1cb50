-- Stage 10: the clock a user reads times on (WORKSPACE, UTC or BROWSER); the console's rule is the workspace's zone.
alter table app_user add column time_display varchar(16) default 'WORKSPACE' not null;
