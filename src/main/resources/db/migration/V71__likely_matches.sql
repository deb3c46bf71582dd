-- Issue #19 item 5: likely matches. The sound of each word of a party's name with their year of
-- birth, as a keyed hash (vault ReferenceKeys), to find records that may be the same person; the
-- vault then scores the candidates. Never a name, never a plain sound code.
create table case_person_sound (
  case_code  varchar(9)  not null,
  party      varchar(16) not null,
  sound_key  varchar(64) not null,
  constraint pk_case_person_sound primary key (case_code, party, sound_key)
);
create index ix_case_person_sound_key on case_person_sound (sound_key);

-- A likely match the coordinator confirmed at "Review history": from then on it counts as the same
-- person (serial perpetrator, serial victim, history). Case codes and labels only.
create table confirmed_match (
  case_code        varchar(9)   not null,
  other_case_code  varchar(9)   not null,
  label            varchar(40)  not null,
  score            integer      not null,
  confirmed_by     varchar(64)  not null,
  confirmed_at     timestamp    not null,
  constraint pk_confirmed_match primary key (case_code, other_case_code, label)
);
