-- The access record is append-only for the application itself (issue #16 item 4). Migrations run as
-- the owner role (spring.flyway.user = DB_OWNER_USER); the application's runtime role (DB_USER,
-- the placeholder runtime_role) may read and add rows but not update, delete, truncate, alter or
-- drop them. A statement-level trigger refuses TRUNCATE to everyone, the owner included.
create trigger access_audit_no_truncate before truncate on access_audit
  for each statement execute function access_audit_append_only();

do $$
declare
  runtime text := '${runtime_role}';
begin
  if runtime = current_user or not exists (select 1 from pg_roles where rolname = runtime) then
    raise notice 'runtime role % is the owner or does not exist: no separate grants', runtime;
    return;
  end if;
  execute format('grant usage on schema public to %I', runtime);
  -- Every table the owner has made or will make (engine tables included): ordinary data access.
  execute format('grant select, insert, update, delete on all tables in schema public to %I', runtime);
  execute format('grant usage, select, update on all sequences in schema public to %I', runtime);
  execute format('alter default privileges in schema public grant select, insert, update, delete on tables to %I', runtime);
  execute format('alter default privileges in schema public grant usage, select, update on sequences to %I', runtime);
  -- The access record: read and append only. Its chain head is updated with every insert.
  execute format('revoke all on access_audit from %I', runtime);
  execute format('grant select, insert on access_audit to %I', runtime);
  execute format('revoke truncate on access_audit_chain from %I', runtime);
end
$$;
