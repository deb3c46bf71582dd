-- Job acquisition by due date (application.yaml: ensureJobDueDateNotNull, jobExecutorAcquireByDueDate).
-- Applied by EngineSchemaAdditions at every start, so each statement is idempotent.

-- The job executor asks for the earliest jobs due now (DUEDATE_ <= now, earliest first). Every open
-- case holds future timers (72-hour contact, 28-day update), so without this index each acquisition
-- reads every job; with it only those due, already in order.
create index if not exists oversight_job_due on act_ru_job (duedate_);
-- (PostgreSQL also gets a partial index of the locked jobs; H2 has no partial indexes.)

-- Jobs created before every job had a due date (an older version of this application) would never
-- be acquired by due date: they are due since they were created.
update act_ru_job set duedate_ = coalesce(create_time_, current_timestamp) where duedate_ is null;
