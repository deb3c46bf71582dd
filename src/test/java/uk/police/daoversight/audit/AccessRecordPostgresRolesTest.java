package uk.police.daoversight.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;
import uk.police.daoversight.Application;
import uk.police.daoversight.support.LocalPostgres;

/**
 * The production set-up of issue #16 item 4 on the local PostgreSQL: an owner role creates the
 * schema (Flyway and the engine), the application then runs as a runtime role that can add to and
 * read the access record but cannot update, delete, truncate, alter or drop it; rows the owner
 * changes or removes behind the triggers' back are found by the chain's verification.
 */
class AccessRecordPostgresRolesTest {

  @Test
  void theRuntimeRoleCannotEraseTheRecordAndVerifyFindsWhatTheOwnerChanged() throws SQLException {
    String suffix = UUID.randomUUID().toString().replace("-", "").substring(0, 10).toLowerCase(Locale.ROOT);
    String owner = "audit_owner_" + suffix;
    String runtime = "audit_app_" + suffix;
    String database = "audit_roles_" + suffix;
    admin("create role " + owner + " login", "create role " + runtime + " login", "create database " + database + " owner " + owner);
    try {
      // 1. The owner's start-up: Flyway and the engine's schema, naming the runtime role.
      start(database, "--DB_USER=" + owner, "--DB_RUNTIME_USER=" + runtime).close();
      // 2. A node as the runtime role: migrations as the owner, no engine schema change.
      try (ConfigurableApplicationContext app = start(database, "--DB_USER=" + runtime, "--DB_OWNER_USER=" + owner,
          "--DB_SCHEMA_UPDATE=false")) {
        JdbcTemplate jdbc = app.getBean(JdbcTemplate.class);
        assertThat(jdbc.queryForObject("select current_user", String.class)).isEqualTo(runtime);
        AccessAudit audit = app.getBean(AccessAudit.class);
        audit.recordAll(List.of(new AccessAudit.Row("u1", "ABCD-EFGH", "READ_ENGINE", AccessAudit.Outcome.ALLOWED, "one"),
            new AccessAudit.Row("u2", "ABCD-EFGH", "READ_ENGINE", AccessAudit.Outcome.ALLOWED, "two"),
            new AccessAudit.Row("u3", "ABCD-EFGH", "READ_ENGINE", AccessAudit.Outcome.REFUSED, "three")));
        audit.record("u4", "not a code", "READ_ENGINE", AccessAudit.Outcome.REFUSED, "four");
        assertThat(audit.verify().intact()).isTrue();
        long rows = count(jdbc);
        for (String attack : List.of("update access_audit set outcome = 'ALLOWED'", "delete from access_audit",
            "truncate access_audit", "alter table access_audit disable trigger access_audit_no_change",
            "alter table access_audit drop column detail", "drop table access_audit", "drop trigger access_audit_no_change on access_audit")) {
          assertThatThrownBy(() -> jdbc.execute(attack)).as(attack).isNotNull();
        }
        assertThat(count(jdbc)).isEqualTo(rows);
        assertThat(audit.verify().intact()).isTrue();

        // 3. The owner removes a row, then changes another, behind the triggers' back.
        JdbcTemplate asOwner = new JdbcTemplate(new SimpleDriverDataSource(new org.postgresql.Driver(),
            "jdbc:postgresql://" + LocalPostgres.HOST + ":" + LocalPostgres.PORT + "/" + database, owner, ""));
        assertThatThrownBy(() -> asOwner.execute("truncate access_audit")).as("TRUNCATE, even by the owner").hasMessageContaining("append-only");
        long last = asOwner.queryForObject("select max(seq) from access_audit", Long.class);
        asOwner.execute("alter table access_audit disable trigger access_audit_no_change");
        asOwner.update("delete from access_audit where seq = ?", last - 1);
        AccessAudit.Verification removed = audit.verify();
        assertThat(removed.intact()).isFalse();
        assertThat(removed.firstBrokenSeq()).isEqualTo(last - 1);
        assertThat(removed.problem()).contains("missing");
        asOwner.update("update access_audit set user_id = 'someone-else' where seq = ?", last - 2);
        asOwner.execute("alter table access_audit enable trigger access_audit_no_change");
        AccessAudit.Verification changed = audit.verify();
        assertThat(changed.firstBrokenSeq()).isEqualTo(last - 2);
        assertThat(changed.problem()).contains("changed");
      }
    } finally {
      admin("drop database if exists " + database + " with (force)", "drop role if exists " + runtime, "drop role if exists " + owner);
    }
  }

  private static long count(JdbcTemplate jdbc) {
    return jdbc.queryForObject("select count(*) from access_audit", Long.class);
  }

  private static ConfigurableApplicationContext start(String database, String... args) {
    String[] all = new String[args.length + 6];
    all[0] = "--DB_NAME=" + database;
    all[1] = "--server.port=0";
    all[2] = "--camunda.bpm.job-execution.enabled=false";
    all[3] = "--camunda.bpm.process-engine-name=auditRoles";
    all[4] = "--camunda.bpm.webapp.enabled=false";
    all[5] = "--logging.level.root=warn";
    System.arraycopy(args, 0, all, 6, args.length);
    return new SpringApplicationBuilder(Application.class).profiles("postgres", "demo").run(all);
  }

  private static void admin(String... statements) throws SQLException {
    try (Connection c = DriverManager.getConnection("jdbc:postgresql://" + LocalPostgres.HOST + ":" + LocalPostgres.PORT + "/test",
        LocalPostgres.USER, LocalPostgres.PASSWORD); Statement s = c.createStatement()) {
      for (String statement : statements) {
        s.execute(statement);
      }
    }
  }
}
