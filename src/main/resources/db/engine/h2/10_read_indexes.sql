-- Indexes for what people read all day at scale (issue #9; figures in BENCHMARKS.md), the same as
-- on PostgreSQL (db/engine/postgres/10_read_indexes.sql) so the embedded set-up behaves alike.
-- Applied by EngineSchemaAdditions at every start, so each statement is idempotent.

-- The coordinators' overdue first contacts: open tasks of one task key whose due date has passed,
-- earliest first (TaskQuery taskDefinitionKey("contactVictim").dueBefore(now).orderByDueDate()).
create index if not exists oversight_task_key_due on act_ru_task (task_def_key_, due_date_);
