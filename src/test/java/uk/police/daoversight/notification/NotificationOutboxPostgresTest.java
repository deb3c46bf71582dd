package uk.police.daoversight.notification;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import uk.police.daoversight.support.LocalPostgres;

/**
 * The outbox's own SQL on PostgreSQL (V100 on a fresh database): two senders (nodes) claim a notice
 * once between them, a failure waits for its back-off, the digest's queries, the preference upsert.
 * Runs whenever the server answers.
 */
class NotificationOutboxPostgresTest {

  @Test
  void claimsBackoffAndDigestOnPostgresql() throws Exception {
    String database = LocalPostgres.createDatabase("notify");
    try {
      JdbcTemplate jdbc = new JdbcTemplate(LocalPostgres.dataSource(database));
      String script = Files.readString(Path.of("src/main/resources/db/migration/V100__notification_outbox.sql"));
      Arrays.stream(script.replaceAll("(?m)^--.*$", "").split(";")).map(String::trim).filter(s -> !s.isEmpty())
          .forEach(jdbc::execute);
      AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2027-01-04T09:00:00Z"));
      Clock clock = new Clock() {
        @Override public ZoneOffset getZone() { return ZoneOffset.UTC; }
        @Override public Clock withZone(java.time.ZoneId zone) { return this; }
        @Override public Instant instant() { return now.get(); }
      };
      NotificationOutbox nodeA = new NotificationOutbox(jdbc, clock);
      NotificationOutbox nodeB = new NotificationOutbox(jdbc, clock);
      Backoff backoff = new Backoff(Duration.ofMinutes(1), Duration.ofHours(1), 3);

      nodeA.add(Notice.task("soo1", NoticeKind.ALLOCATION, "K7Q4-M2XD", "Read case pack", now.get().plusSeconds(3600),
          "https://l/1", "t1"));
      NotificationOutbox.Pending p = nodeA.dueImmediate(10).get(0);
      assertThat(nodeB.dueImmediate(10)).hasSize(1);
      assertThat(nodeA.claim(p.id())).isTrue();
      assertThat(nodeB.claim(p.id())).as("the other node may not take it").isFalse();
      assertThat(nodeB.dueImmediate(10)).as("a claimed notice is not offered").isEmpty();

      nodeA.failed(p.id(), p.attempts(), backoff, "MailSendException");
      assertThat(nodeB.dueImmediate(10)).as("waits for its back-off").isEmpty();
      now.set(now.get().plusSeconds(61));
      NotificationOutbox.Pending retry = nodeB.dueImmediate(10).get(0);
      assertThat(retry.attempts()).isEqualTo(1);
      assertThat(nodeB.claim(retry.id())).isTrue();
      nodeB.failed(retry.id(), retry.attempts(), backoff, "MailSendException");
      now.set(now.get().plus(Duration.ofMinutes(3)));
      NotificationOutbox.Pending last = nodeA.dueImmediate(10).get(0);
      nodeA.claim(last.id());
      nodeA.failed(last.id(), last.attempts(), backoff, "MailSendException");
      assertThat(nodeA.status(last.id())).contains("FAILED");

      nodeA.setMode("soo2", NotificationOutbox.Mode.DAILY_DIGEST);
      nodeA.setMode("soo2", NotificationOutbox.Mode.DAILY_DIGEST);
      assertThat(nodeA.mode("soo2")).isEqualTo(NotificationOutbox.Mode.DAILY_DIGEST);
      nodeA.add(Notice.task("soo2", NoticeKind.TASK, "AAAA-BBBB", "Update case update form", null, "https://l/2", "t2"));
      nodeA.add(new Notice("soo2", NoticeKind.PANEL_SLOT, "AAAA-BBBB", PanelSlotNotices.STEP_NAME, now.get(), "https://meet",
          now.get(), now.get().plusSeconds(900), "m1"));
      assertThat(nodeA.dueImmediate(10)).extracting(x -> x.notice().kind()).containsExactly(NoticeKind.PANEL_SLOT);
      assertThat(nodeA.digestRecipients()).containsExactly("soo2");
      assertThat(nodeA.digestOf("soo2")).extracting(x -> x.notice().stepName()).containsExactly("Update case update form");
      assertThat(nodeA.pendingFor("soo2")).isEqualTo(2);
    } finally {
      LocalPostgres.dropDatabase(database);
    }
  }
}
