package uk.police.daoversight.vault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import org.camunda.bpm.engine.RuntimeService;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import uk.police.daoversight.intake.ReferralRequest;
import uk.police.daoversight.support.CaseDriver;
import uk.police.daoversight.support.EngineTest;
import uk.police.daoversight.support.IntegrationTest;
import uk.police.daoversight.support.Referrals;
import uk.police.daoversight.vault.seal.CaseKeys;
import uk.police.daoversight.vault.seal.CaseSeal;
import uk.police.daoversight.vault.seal.KeyCache;
import uk.police.daoversight.vault.seal.SealedColumns;
import uk.police.daoversight.vault.seal.VaultKek;
import uk.police.daoversight.vault.seal.VaultKeyJobs;
import uk.police.daoversight.vault.seal.VaultSeals;

/**
 * Issue #17 (performance): the cache of unwrapped case keys saves the unwrapping, never the check
 * that the key still exists. Shredding counts at once, on this node and on another node that had
 * the key in its own cache (a second {@link VaultSeals} over the same database, as a second cluster
 * node has), and a re-encrypted case opens with its new key everywhere.
 */
@IntegrationTest
class KeyCacheTest extends EngineTest {

  @Autowired RuntimeService runtimeService;
  @Autowired JdbcTemplate jdbc;
  @Autowired IdentityVault vault;
  @Autowired VaultSeals seals;
  @Autowired VaultKek kek;
  @Autowired VaultKeyJobs jobs;
  @Autowired PlatformTransactionManager transactions;

  @Test
  void aSecondReadOfACaseTakesItsKeyFromTheCacheWithoutUnwrappingItAgain() {
    ReferralRequest referral = Referrals.policeVictim("COLLEAGUE");
    String code = new CaseDriver(runtimeService).start(referral).getBusinessKey();
    vault.find(code).orElseThrow();
    long unwraps = seals.keys().cache().unwraps();
    long hits = seals.keys().cache().hits();

    assertThat(vault.find(code).orElseThrow().victim().name()).isEqualTo(referral.victim().name());
    assertThat(seals.keys().cache().unwraps()).as("no second unwrap").isEqualTo(unwraps);
    assertThat(seals.keys().cache().hits()).isGreaterThan(hits);
  }

  @Test
  void aCaseShreddedAfterACachedReadIsUnreadableAtOnceOnThisNodeAndOnTheOther() {
    ReferralRequest referral = Referrals.policeVictim("COLLEAGUE");
    String code = new CaseDriver(runtimeService).start(referral).getBusinessKey();
    String sealedName = jdbc.queryForObject("select victim_name from case_identity where case_code = ?", String.class, code);
    VaultSeals otherNode = otherNode();
    // Both nodes have read the case, so both hold its key (for minutes, as configured).
    assertThat(vault.find(code).orElseThrow().victim().name()).isEqualTo(referral.victim().name());
    assertThat(otherNode.of(code).open(SealedColumns.CASE_IDENTITY, "victim_name", sealedName)).isEqualTo(referral.victim().name());
    assertThat(otherNode.of(code).open(SealedColumns.CASE_IDENTITY, "victim_name", sealedName)).isEqualTo(referral.victim().name());
    assertThat(otherNode.keys().cache().hits()).as("the other node's second read came from its cache").isPositive();

    // This node shreds it (the retention job runs on one node only); the other node still holds the key in its cache.
    assertThat(jobs.erase(code, "end of retention (test)")).isTrue();

    CaseSeal here = seals.of(code);
    assertThat(here.erased()).isTrue();
    assertThat(here.open(SealedColumns.CASE_IDENTITY, "victim_name", sealedName)).isNull();
    assertThat(vault.find(code).orElseThrow().victim().name()).isNull();
    CaseSeal there = otherNode.of(code);
    assertThat(there.erased()).as("the other node's cached key is not used once the row has none").isTrue();
    assertThat(there.open(SealedColumns.CASE_IDENTITY, "victim_name", sealedName)).isNull();
    assertThatThrownBy(() -> there.seal(SealedColumns.CASE_IDENTITY, "victim_name", "anything"))
        .isInstanceOf(CaseKeys.ErasedException.class);
    assertThat(otherNode.keys().cache().size()).isZero();
  }

  @Test
  void shreddingInsideATransactionThatAlreadyUsedTheKeyCountsForTheRestOfThatTransaction() {
    ReferralRequest referral = Referrals.policeVictim("COLLEAGUE");
    String code = new CaseDriver(runtimeService).start(referral).getBusinessKey();
    String sealedName = jdbc.queryForObject("select victim_name from case_identity where case_code = ?", String.class, code);
    new TransactionTemplate(transactions).executeWithoutResult(status -> {
      assertThat(seals.of(code).open(SealedColumns.CASE_IDENTITY, "victim_name", sealedName)).isEqualTo(referral.victim().name());
      assertThat(seals.keys().destroy(code)).isTrue();
      assertThat(seals.of(code).open(SealedColumns.CASE_IDENTITY, "victim_name", sealedName)).isNull();
    });
    assertThat(seals.of(code).erased()).isTrue();
  }

  @Test
  void aCaseReEncryptedAfterACachedReadOpensWithItsNewKeyOnBothNodes() {
    ReferralRequest referral = Referrals.policeVictim("COLLEAGUE");
    String code = new CaseDriver(runtimeService).start(referral).getBusinessKey();
    String before = jdbc.queryForObject("select victim_name from case_identity where case_code = ?", String.class, code);
    VaultSeals otherNode = otherNode();
    assertThat(otherNode.of(code).open(SealedColumns.CASE_IDENTITY, "victim_name", before)).isEqualTo(referral.victim().name());
    assertThat(vault.find(code).orElseThrow().victim().name()).isEqualTo(referral.victim().name());

    assertThat(jobs.reencryptSince(java.time.Instant.now(), 100_000)).isPositive();

    String after = jdbc.queryForObject("select victim_name from case_identity where case_code = ?", String.class, code);
    assertThat(after).isNotEqualTo(before);
    assertThat(otherNode.of(code).open(SealedColumns.CASE_IDENTITY, "victim_name", after)).isEqualTo(referral.victim().name());
    assertThat(vault.find(code).orElseThrow().victim().name()).isEqualTo(referral.victim().name());
    // The old key is gone from the row, so neither node opens the old ciphertext from a cached key.
    assertThatThrownBy(() -> otherNode.of(code).open(SealedColumns.CASE_IDENTITY, "victim_name", before))
        .isInstanceOf(CaseSeal.TamperedException.class);
    assertThatThrownBy(() -> seals.of(code).open(SealedColumns.CASE_IDENTITY, "victim_name", before))
        .isInstanceOf(CaseSeal.TamperedException.class);
  }

  @Test
  void theCacheIsBoundedAndAnEntryOlderThanItsTimeToLiveIsUnwrappedAgain() {
    long[] now = {0};
    KeyCache cache = new KeyCache(2, Duration.ofSeconds(30), () -> now[0]);
    VaultSeals node = new VaultSeals(new CaseKeys(jdbc, kek, Clock.systemUTC(), cache));
    String a = new CaseDriver(runtimeService).start(Referrals.policeVictim("COLLEAGUE")).getBusinessKey();
    String b = new CaseDriver(runtimeService).start(Referrals.policeVictim("COLLEAGUE")).getBusinessKey();
    String c = new CaseDriver(runtimeService).start(Referrals.policeVictim("COLLEAGUE")).getBusinessKey();
    node.of(a);
    node.of(b);
    node.of(c);
    assertThat(cache.size()).as("at most two keys").isEqualTo(2);
    assertThat(cache.unwraps()).isEqualTo(3);
    node.of(c);
    assertThat(cache.hits()).isEqualTo(1);
    node.of(a);
    assertThat(cache.unwraps()).as("the least recently used key was dropped").isEqualTo(4);

    now[0] += Duration.ofSeconds(31).toNanos();
    node.of(a);
    assertThat(cache.unwraps()).as("past its time to live").isEqualTo(5);
    assertThat(new KeyCache(0, Duration.ofMinutes(5)).enabled()).isFalse();
  }

  /** A second node: its own cache, the same database and KEK. */
  private VaultSeals otherNode() {
    return new VaultSeals(new CaseKeys(jdbc, kek, Clock.systemUTC(), new KeyCache(100, Duration.ofMinutes(5))));
  }
}
