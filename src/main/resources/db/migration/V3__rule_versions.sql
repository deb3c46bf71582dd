-- Every version of a decision table an analyst deployed through the rules service, with the
-- regression cases it passed (the CSV beside the table in dmn/ until an analyst replaces them).
create table rule_deployment (
  decision_key    varchar(100)  not null,
  version         int           not null,
  deployment_id   varchar(64)   not null,
  deployed_by     varchar(64)   not null,
  deployed_at     timestamp     not null,
  action          varchar(16)   not null,
  regression_csv  varchar(20000),
  constraint pk_rule_deployment primary key (decision_key, version)
);
