-- The access audit is append-only in the database itself, not only by the application's habit.
create trigger access_audit_no_change before update, delete on access_audit
  for each row call 'uk.police.daoversight.audit.AppendOnlyTrigger';
