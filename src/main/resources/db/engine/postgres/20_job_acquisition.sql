-- Job acquisition by due date (application.yaml: ensureJobDueDateNotNull, jobExecutorAcquireByDueDate).
-- Applied by EngineSchemaAdditions at every start, so each statement is idempotent.

-- The job executor asks for the earliest jobs due now (DUEDATE_ <= now, earliest first). Every open
-- case holds future timers (72-hour contact, 28-day update), so without this index each acquisition
-- reads every job; with it only those due, already in order.
create index if not exists oversight_job_due on act_ru_job (duedate_);

-- Each acquisition also checks that no other job of the same process instance is locked (exclusive
-- jobs): PostgreSQL answers that by reading every job (4.7 ms at 60,000 jobs, each acquisition);
-- from this partial index it reads only the locked ones (0.1 ms with both indexes).
create index if not exists oversight_job_locked on act_ru_job (process_instance_id_) where lock_owner_ is not null;

-- Jobs created before every job had a due date (an older version of this application) would never
-- be acquired by due date: they are due since they were created.
update act_ru_job set duedate_ = coalesce(create_time_, current_timestamp) where duedate_ is null;
