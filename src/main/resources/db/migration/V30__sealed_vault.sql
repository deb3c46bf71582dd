-- Issue #17: the sealed vault. Every identity-bearing column holds a ciphertext ("v1:" + base64 of
-- Tink AES-256-GCM), sealed with the case's own data key; the data key is kept here only wrapped by
-- the key-encryption key, which lives outside the database (KMS, or a key file for the demo).
-- V31 (vault/seal/SealVaultMigration) seals the rows already there.
create table case_key (
  case_code     varchar(9)    not null primary key,
  -- which KEK version wrapped it ("kek:<Tink key id>" or "kms:<key uri>"), for the re-wrap job
  kek_version   varchar(300)  not null,
  -- base64 of the Tink keyset encrypted with the KEK; null once destroyed (crypto-shredding)
  wrapped_key   varchar(4000),
  created_at    timestamp     not null,
  rewrapped_at  timestamp,
  destroyed_at  timestamp
);
create index ix_case_key_kek on case_key (kek_version);

-- Ciphertexts are longer than the text they hide (and a date of birth becomes text).
alter table case_identity alter column external_reference set data type varchar(8000);
alter table case_identity alter column victim_name set data type varchar(8000);
alter table case_identity alter column victim_date_of_birth set data type varchar(8000);
alter table case_identity alter column victim_staff_number set data type varchar(8000);
alter table case_identity alter column victim_rank set data type varchar(8000);
alter table case_identity alter column victim_department set data type varchar(8000);
alter table case_identity alter column victim_contact set data type varchar(8000);
alter table case_identity alter column perpetrator_name set data type varchar(8000);
alter table case_identity alter column perpetrator_date_of_birth set data type varchar(8000);
alter table case_identity alter column perpetrator_staff_number set data type varchar(8000);
alter table case_identity alter column perpetrator_rank set data type varchar(8000);
alter table case_identity alter column perpetrator_department set data type varchar(8000);
alter table case_identity alter column known_to set data type varchar(8000);
-- The force figures count perpetrators above constable: that fact stays readable, the rank is sealed.
alter table case_identity add column perpetrator_above_constable boolean;
-- Set once the case's identities are erased (end of retention); the anonymised case stays.
alter table case_identity add column erased_at timestamp;

alter table identity_history alter column old_value set data type varchar(8000);
alter table identity_history alter column reason set data type varchar(8000);
alter table contact_plan alter column safe_channel set data type varchar(8000);
alter table contact_plan alter column safe_times set data type varchar(8000);
alter table break_glass alter column reason set data type varchar(8000);
alter table access_alert alter column summary set data type varchar(8000);
