-- Indexes for what people read all day at scale (issue #9; figures and plans in BENCHMARKS.md).
-- Applied by EngineSchemaAdditions at every start, so each statement is idempotent.

-- The coordinators' overdue first contacts: open tasks of one task key whose due date has passed,
-- earliest first (TaskQuery taskDefinitionKey("contactVictim").dueBefore(now).orderByDueDate()).
-- Without it PostgreSQL reads every open task (50,000 cases: 40 ms before any authorization check);
-- with it only that task key's entries up to now, already in due-date order.
create index if not exists oversight_task_key_due on act_ru_task (task_def_key_, due_date_);
