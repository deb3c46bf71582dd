-- The access record (issue #16, DPA 2018 Part 3 s.62): a hash chain over every row, what was typed
-- when a case code was not one, the purpose of an identity read and the recipient of a disclosure.
alter table access_audit add column seq bigint;
alter table access_audit add column attempted varchar(120);
alter table access_audit add column purpose varchar(40);
alter table access_audit add column purpose_note varchar(500);
alter table access_audit add column recipient varchar(200);
alter table access_audit add column prev_hash varchar(64);
alter table access_audit add column row_hash varchar(64);
create unique index ix_access_audit_seq on access_audit (seq);
create index ix_access_audit_user on access_audit (user_id, occurred_at);
create index ix_access_audit_occurred on access_audit (occurred_at);

-- The head of the chain: one row, locked by every insert (serializes the chain across nodes).
create table access_audit_chain (
  id         int          not null primary key,
  last_seq   bigint       not null,
  last_hash  varchar(64)  not null
);
insert into access_audit_chain (id, last_seq, last_hash) values (1, 0, '0000000000000000000000000000000000000000000000000000000000000000');

-- Why an identity was read: a short list the force extends by adding rows (code, label).
create table access_purpose (
  code   varchar(40)  not null primary key,
  label  varchar(200) not null
);
insert into access_purpose (code, label) values ('CONTACT_VICTIM', 'Contact the victim');
insert into access_purpose (code, label) values ('ALLOCATION', 'Allocation');
insert into access_purpose (code, label) values ('INVESTIGATION_UPDATE', 'Investigation update');
insert into access_purpose (code, label) values ('IG_REVIEW', 'Information governance review');
insert into access_purpose (code, label) values ('SAFEGUARDING', 'Safeguarding');
insert into access_purpose (code, label) values ('DISCLOSURE', 'Disclosure to a named recipient');
