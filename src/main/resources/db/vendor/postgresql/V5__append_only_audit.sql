-- The access audit is append-only in the database itself, not only by the application's habit.
create or replace function access_audit_append_only() returns trigger as $$
begin
  raise exception 'access_audit is append-only';
end;
$$ language plpgsql;

create trigger access_audit_no_change before update or delete on access_audit
  for each row execute function access_audit_append_only();
