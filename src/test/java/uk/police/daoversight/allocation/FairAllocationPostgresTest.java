package uk.police.daoversight.allocation;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import uk.police.daoversight.Application;
import uk.police.daoversight.intake.Party;
import uk.police.daoversight.intake.Referral;
import uk.police.daoversight.intake.RiskLevel;
import uk.police.daoversight.intake.Route;
import uk.police.daoversight.support.LocalPostgres;
import uk.police.daoversight.vault.IdentityVault;

/**
 * #19 item 1 on PostgreSQL, two threads: two coordinators were both shown the same "fairest" SOO
 * and both accept it at once. The first allocation holds the allocation lock; the second waits
 * (seen in {@code pg_locks}), then decides against the allocation just recorded and takes the next
 * fairest SOO, with a note saying why. Runs on a fresh database of its own, dropped afterwards.
 */
class FairAllocationPostgresTest {

  @Test
  void twoCoordinatorsAcceptingTheSameRecommendationAtOnceGetDifferentSoos() throws Exception {
    String database = LocalPostgres.createDatabase("wt_alloc");
    ConfigurableApplicationContext app = new SpringApplicationBuilder(Application.class)
        .profiles("postgres", "demo")
        .run("--DB_NAME=" + database, "--server.port=0", "--camunda.bpm.job-execution.enabled=false",
            "--camunda.bpm.process-engine-name=fairAllocation", "--camunda.bpm.webapp.enabled=false",
            "--logging.level.root=warn");
    try {
      AllocationDesk desk = app.getBean(AllocationDesk.class);
      IdentityVault vault = app.getBean(IdentityVault.class);
      JdbcTemplate jdbc = app.getBean(JdbcTemplate.class);
      TransactionTemplate tx = new TransactionTemplate(app.getBean(PlatformTransactionManager.class));
      String first = store(vault);
      String second = store(vault);

      // Both forms show the same fairest SOO: the race the issue reports.
      String shown = desk.recommend(first, null, false).recommended().get(0);
      assertThat(desk.recommend(second, null, false).recommended()).containsExactly(shown);

      CountDownLatch firstAllocated = new CountDownLatch(1);
      CountDownLatch secondWaiting = new CountDownLatch(1);
      CompletableFuture<AllocationDesk.Allocation> a = CompletableFuture.supplyAsync(() -> tx.execute(status -> {
        AllocationDesk.Allocation done = desk.allocate(first, "pi-" + first, List.of(shown), shown, null, null, "coordinator");
        firstAllocated.countDown();
        await(secondWaiting);
        return done;
      }));
      await(firstAllocated);
      CompletableFuture<AllocationDesk.Allocation> b = CompletableFuture.supplyAsync(() -> tx.execute(status ->
          desk.allocate(second, "pi-" + second, List.of(shown), shown, null, null, "coordinator2")));

      // The second allocation is blocked on the lock while the first is uncommitted.
      Instant giveUp = Instant.now().plus(Duration.ofSeconds(30));
      while (waitingLocks(jdbc) == 0) {
        assertThat(b).as("the second allocation must wait for the first").isNotDone();
        assertThat(Instant.now()).as("the second allocation never waited for the lock").isBefore(giveUp);
        Thread.onSpinWait();
      }
      assertThat(b).isNotDone();
      secondWaiting.countDown();

      AllocationDesk.Allocation one = a.get(30, TimeUnit.SECONDS);
      AllocationDesk.Allocation two = b.get(30, TimeUnit.SECONDS);
      assertThat(one.soos()).containsExactly(shown);
      assertThat(one.note()).isNull();
      assertThat(two.soos()).hasSize(1).doesNotContain(shown);
      assertThat(two.note()).contains("the fairest at the moment of allocation").contains(shown);
      assertThat(jdbc.queryForList("select user_id from case_soo where case_code in (?, ?) and released_at is null",
          String.class, first, second)).containsExactlyInAnyOrder(shown, two.soos().get(0));
    } finally {
      app.close();
      LocalPostgres.dropDatabase(database);
    }
  }

  /** Lock requests not yet granted, from connections to this test's own database only. */
  private static int waitingLocks(JdbcTemplate jdbc) {
    Integer n = jdbc.queryForObject("select count(*) from pg_locks l join pg_stat_activity a on a.pid = l.pid"
        + " where not l.granted and a.datname = current_database()", Integer.class);
    return n == null ? 0 : n;
  }

  private static void await(CountDownLatch latch) {
    try {
      if (!latch.await(60, TimeUnit.SECONDS)) {
        throw new IllegalStateException("timed out");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static String store(IdentityVault vault) {
    String id = UUID.randomUUID().toString().substring(0, 8);
    String code = "F" + id.toUpperCase();
    vault.store(code, new Referral(Route.CALL_101, "FAIR-" + id,
        new Party("Civilian Victim " + id, LocalDate.of(1990, 1, 1), false, null, null, null, null),
        new Party("Civilian Perpetrator " + id, LocalDate.of(1985, 1, 1), false, null, null, null, null),
        Set.of(), RiskLevel.MEDIUM, false, false, false), Instant.now());
    return code;
  }
}
