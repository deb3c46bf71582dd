-- #19 item 6 (dual SOOs): the other party of a counter-allegation has their own SOO, so their contact
-- details are kept too, for that SOO only. Added after the seal (V31): sealed from its first write by
-- IdentityVault.store, and the database refuses a plain value (only "v1:" ciphertexts or null).
alter table case_identity add column perpetrator_contact varchar(8000);
alter table case_identity add constraint ck_case_identity_perpetrator_contact_sealed
  check (perpetrator_contact is null or perpetrator_contact like 'v1:%');

-- A contact plan belongs to the party its SOO oversees (VICTIM or OTHER_PARTY, as case_soo says).
alter table contact_plan add column party varchar(16) default 'VICTIM' not null;
update contact_plan set party = coalesce((select max(s.party) from case_soo s
  where s.case_code = contact_plan.case_code and s.user_id = contact_plan.soo_user_id), 'VICTIM');
