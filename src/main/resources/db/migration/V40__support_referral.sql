-- The Victims' Code clock for the referral to support services (issue #18 step 4): one row per case,
-- opened with the case (report and due time), completed when the coordinators confirm it.
create table support_referral (
  case_code     varchar(9)   not null,
  reported_at   timestamp    not null,
  due_at        timestamp    not null,
  outcome       varchar(16),
  service       varchar(16),
  decided_on    date,
  recorded_at   timestamp,
  recorded_by   varchar(64),
  constraint pk_support_referral primary key (case_code),
  constraint ck_support_referral_outcome check (outcome is null or outcome in ('REFERRED', 'DECLINED')),
  constraint ck_support_referral_service check (service is null or service in ('IDVA', 'DA_SERVICE', 'BOTH'))
);
