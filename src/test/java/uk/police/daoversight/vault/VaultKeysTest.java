package uk.police.daoversight.vault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.jdbc.core.JdbcTemplate;
import uk.police.daoversight.audit.AccessAudit;
import uk.police.daoversight.intake.ReferralRequest;
import uk.police.daoversight.reporting.ForceFigures;
import uk.police.daoversight.support.CaseDriver;
import uk.police.daoversight.support.EngineTest;
import uk.police.daoversight.support.IntegrationTest;
import uk.police.daoversight.support.Referrals;
import uk.police.daoversight.vault.seal.CaseSeal;
import uk.police.daoversight.vault.seal.SealedColumns;
import uk.police.daoversight.vault.seal.VaultKek;
import uk.police.daoversight.vault.seal.VaultKeyJobs;
import uk.police.daoversight.vault.seal.VaultSeals;

/** Issue #17: crypto-shredding at the end of retention, KEK rotation with re-wrap, re-encryption. */
@IntegrationTest
class VaultKeysTest extends EngineTest {

  @Autowired RuntimeService runtimeService;
  @Autowired JdbcTemplate jdbc;
  @Autowired IdentityVault vault;
  @Autowired VaultSeals seals;
  @Autowired VaultKek kek;
  @Autowired VaultKeyJobs jobs;
  @Autowired ForceFigures figures;
  @Autowired TestRestTemplate rest;

  @Test
  void theEndOfRetentionDestroysTheCasesKeySoItsIdentitiesAreUnreadableAndTheFiguresStay() {
    ReferralRequest referral = Referrals.policeVictim("COLLEAGUE");
    ProcessInstance pi = new CaseDriver(runtimeService).toOversight(referral);
    new CaseDriver(runtimeService).close(pi);
    String code = pi.getBusinessKey();
    assertThat(vault.find(code).orElseThrow().victim().name()).isEqualTo(referral.victim().name());
    Instant from = Instant.now().minus(1, ChronoUnit.DAYS);
    Instant to = Instant.now().plus(1, ChronoUnit.DAYS);
    String before = figures.compute(from, to).toString();
    String sealedName = jdbc.queryForObject("select victim_name from case_identity where case_code = ?", String.class, code);

    // Closed seven years ago (the schedule keeps six): the daily run erases it, and it alone.
    jdbc.update("update case_identity set closed_at = ? where case_code = ?",
        Timestamp.from(Instant.now().minus(7 * 366, ChronoUnit.DAYS)), code);
    assertThat(jobs.eraseDue(1000)).isEqualTo(1);
    assertThat(jobs.eraseDue(1000)).as("nothing twice").isZero();

    CaseIdentity erased = vault.find(code).orElseThrow();
    assertThat(erased.erased()).isTrue();
    assertThat(erased.victim().name()).isNull();
    assertThat(erased.perpetrator().staffNumber()).isNull();
    assertThat(erased.externalReference()).isNull();
    assertThat(jdbc.queryForObject("select wrapped_key from case_key where case_code = ?", String.class, code)).isNull();
    // The ciphertext is still in the table (and in every backup), and nothing opens it any more.
    assertThat(jdbc.queryForObject("select victim_name from case_identity where case_code = ?", String.class, code)).isEqualTo(sealedName);
    assertThat(seals.of(code).open(SealedColumns.CASE_IDENTITY, "victim_name", sealedName)).isNull();
    assertThat(jdbc.queryForObject("select count(*) from case_identity where case_code = ? and victim_person_key is null "
        + "and victim_staff_key is null", Integer.class, code)).isEqualTo(1);
    assertThat(rest.withBasicAuth("coordinator", "demo").getForEntity("/api/cases/" + code + "/identity?purpose=ALLOCATION",
        String.class).getBody()).doesNotContain(referral.victim().name()).contains("\"erased\":true");
    assertThat(jdbc.queryForObject("select count(*) from access_audit where case_code = ? and action = ?", Integer.class,
        code, AccessAudit.ERASURE)).isEqualTo(1);

    // The anonymised case and the figures are as they were.
    assertThat(jdbc.queryForObject("select count(*) from case_identity where case_code = ?", Integer.class, code)).isEqualTo(1);
    jdbc.update("update case_identity set closed_at = ? where case_code = ?", Timestamp.from(Instant.now()), code);
    assertThat(figures.compute(from, to).toString()).isEqualTo(before);
  }

  @Test
  void aNewKekWrapsFromNowOnTheOldStillUnwrapsAndTheRewrapMovesEveryCaseKey() {
    ReferralRequest old = Referrals.policeVictim("COLLEAGUE");
    String oldCode = new CaseDriver(runtimeService).toFirstContact(old).getBusinessKey();
    String oldVersion = kek.currentVersion();
    String newVersion = kek.rotate();
    assertThat(newVersion).isNotEqualTo(oldVersion);

    assertThat(vault.find(oldCode).orElseThrow().victim().name()).isEqualTo(old.victim().name());
    ReferralRequest fresh = Referrals.policeVictim("COLLEAGUE");
    String freshCode = new CaseDriver(runtimeService).toFirstContact(fresh).getBusinessKey();
    assertThat(jdbc.queryForObject("select kek_version from case_key where case_code = ?", String.class, freshCode)).isEqualTo(newVersion);
    assertThat(jdbc.queryForObject("select kek_version from case_key where case_code = ?", String.class, oldCode)).isEqualTo(oldVersion);

    assertThat(jobs.rewrapAll(5)).isPositive();
    assertThat(jdbc.queryForObject("select count(*) from case_key where wrapped_key is not null and kek_version <> ?",
        Integer.class, newVersion)).isZero();
    assertThat(jobs.rewrapAll(5)).as("resumed, nothing left").isZero();
    assertThat(vault.find(oldCode).orElseThrow().victim().name()).isEqualTo(old.victim().name());
    assertThat(jdbc.queryForObject("select count(*) from access_audit where action = ? and detail like ?", Integer.class,
        VaultKeyJobs.KEY_ROTATION, "%re-wrapped with key-encryption key " + newVersion + "%")).isPositive();
  }

  @Test
  void reEncryptionGivesEachCaseANewDataKeyResumesAfterAStopAndTheOldKeyOpensNothing() {
    ReferralRequest referral = Referrals.policeVictim("COLLEAGUE");
    String code = new CaseDriver(runtimeService).toFirstContact(referral).getBusinessKey();
    String before = jdbc.queryForObject("select victim_name from case_identity where case_code = ?", String.class, code);
    Instant since = Instant.now(); // the job's start: every case keyed before it is re-encrypted once

    assertThat(jobs.reencryptSince(since, 2)).isEqualTo(2);   // stopped after two cases
    int rest = jobs.reencryptSince(since, 100_000);            // resumed
    assertThat(jobs.reencryptSince(since, 100_000)).as("nothing left").isZero();
    assertThat(rest).isPositive();

    String after = jdbc.queryForObject("select victim_name from case_identity where case_code = ?", String.class, code);
    assertThat(after).startsWith(CaseSeal.PREFIX).isNotEqualTo(before);
    assertThat(seals.keys().dataKeyCount(code)).isEqualTo(1);
    assertThat(vault.find(code).orElseThrow().victim().name()).isEqualTo(referral.victim().name());
    // The value as it was sealed before is under a key that no longer exists.
    assertThatThrownBy(() -> seals.of(code).open(SealedColumns.CASE_IDENTITY, "victim_name", before))
        .isInstanceOf(CaseSeal.TamperedException.class);
    assertThat(jdbc.queryForObject("select count(*) from access_audit where action = ? and detail like '%re-encrypted%'",
        Integer.class, VaultKeyJobs.KEY_ROTATION)).isGreaterThanOrEqualTo(2);
    assertThat(List.of(before, after)).noneMatch(v -> v.contains(referral.victim().name()));
  }
}
