-- A case code names at most one running case, whichever node starts it: the root execution of
-- every running oversightCase instance carries the case code as its business key.
-- (H2 has no partial indexes; the embedded H2 set-up is a single node and the identity vault
-- already keeps one open case per force reference.)
create unique index if not exists oversight_running_case_code
  on act_ru_execution (business_key_)
  where parent_id_ is null and proc_def_id_ like 'oversightCase:%';
