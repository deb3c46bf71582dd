package uk.police.daoversight.vault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.camunda.bpm.engine.FormService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import uk.police.daoversight.access.BreakGlass;
import uk.police.daoversight.contact.ContactPlans;
import uk.police.daoversight.security.Groups;
import uk.police.daoversight.support.CaseDriver;
import uk.police.daoversight.support.EngineTest;
import uk.police.daoversight.support.IntegrationTest;
import uk.police.daoversight.vault.seal.CaseSeal;
import uk.police.daoversight.vault.seal.PlainRowSealer;
import uk.police.daoversight.vault.seal.SealedColumns;
import uk.police.daoversight.vault.seal.VaultSeals;

/**
 * Issue #17: after a whole case, no copy of the database shows who is involved (H2's SCRIPT dump and
 * a raw H2 file made from it; pg_dump in PostgresTest), in any common encoding, while the coordinator
 * still reads every identity; a ciphertext moved to another case or column does not open; the
 * migration seals plain rows, counts them and seals nothing the second time.
 */
@IntegrationTest
@ExtendWith(OutputCaptureExtension.class)
public class SealedVaultTest extends EngineTest {

  static final Map<String, Object> START_FORM = Map.ofEntries(
      Map.entry("route", "LINE_MANAGER"),
      Map.entry("externalReference", "HX-SEALCHECK-8812"),
      Map.entry("riskLevel", "HIGH"),
      Map.entry("victimName", "Wilhelmina Quarrendon"),
      Map.entry("victimDateOfBirth", "1981-07-23"),
      Map.entry("victimPoliceEmployee", true),
      Map.entry("victimStaffNumber", "ZQ80417"),
      Map.entry("victimRank", "Sergeant"),
      Map.entry("victimDepartment", "Marine Policing Unit"),
      Map.entry("victimContact", "07700 900881, 3 Brackenridge Mews"),
      Map.entry("perpetratorName", "Leopold Fanshawe-Grix"),
      Map.entry("perpetratorDateOfBirth", "1972-04-09"),
      Map.entry("perpetratorPoliceEmployee", true),
      Map.entry("perpetratorStaffNumber", "ZQ66031"),
      Map.entry("perpetratorRank", "Chief Inspector"),
      Map.entry("perpetratorDepartment", "Mounted Section"),
      Map.entry("knownTo", "soo3"),
      Map.entry("counterAllegation", false),
      Map.entry("serialPerpetrator", false),
      Map.entry("perpetratorInPositionOfPower", false));

  static final List<String> SECRETS = List.of("Wilhelmina", "Quarrendon", "1981-07-23", "ZQ80417", "Marine Policing Unit",
      "07700 900881", "Brackenridge", "Fanshawe-Grix", "1972-04-09", "ZQ66031", "Mounted Section", "HX-SEALCHECK-8812",
      // a corrected (old) department, the break-glass reason's own words
      "Harbour Patrol Annex", "Zephyrine inquiry");

  @Autowired FormService formService;
  @Autowired RepositoryService repositoryService;
  @Autowired RuntimeService runtimeService;
  @Autowired JdbcTemplate jdbc;
  @Autowired IdentityVault vault;
  @Autowired IdentityCorrection correction;
  @Autowired BreakGlass breakGlass;
  @Autowired ContactPlans contactPlans;
  @Autowired VaultSeals seals;
  @Autowired TestRestTemplate rest;

  /** Every way a dump could show a value: as typed, upper and lower case, base64 and hex of its bytes. */
  static List<String> encodings(String secret) {
    byte[] bytes = secret.getBytes(StandardCharsets.UTF_8);
    return List.of(secret, secret.toUpperCase(Locale.ROOT), secret.toLowerCase(Locale.ROOT),
        Base64.getEncoder().encodeToString(bytes), Base64.getEncoder().withoutPadding().encodeToString(bytes),
        HexFormat.of().formatHex(bytes), HexFormat.of().withUpperCase().formatHex(bytes));
  }

  public static List<String> found(String dump, List<String> secrets) {
    List<String> found = new ArrayList<>();
    for (String secret : secrets) {
      for (String encoded : encodings(secret)) {
        if (dump.contains(encoded)) {
          found.add(secret + " as " + encoded);
        }
      }
    }
    return found;
  }

  @Test
  void afterAWholeCaseNoDumpOfTheDatabaseShowsWhoIsInvolved(CapturedOutput output) throws Exception {
    String definitionId = repositoryService.createProcessDefinitionQuery().processDefinitionKey("oversightCase")
        .latestVersion().singleResult().getId();
    ProcessInstance pi = formService.submitStartForm(definitionId, START_FORM);
    String code = pi.getBusinessKey();
    CaseDriver driver = new CaseDriver(runtimeService);
    driver.reviewHistory(pi);
    String soo = driver.allocateAsRecommended(pi);
    driver.readCasePack(pi, soo);
    driver.contact(pi, "ENGAGED", "P14D");
    correction.correct("coordinator", List.of(Groups.CASE_COORDINATORS), code, "victim", "department",
        new IdentityCorrection.Correction("Harbour Patrol Annex", "typed wrongly at referral"));
    correction.correct("coordinator", List.of(Groups.CASE_COORDINATORS), code, "victim", "department",
        new IdentityCorrection.Correction("Marine Policing Unit", "the first correction was itself wrong"));
    breakGlass.open("psd1", List.of(Groups.PSD), code, "Zephyrine inquiry needs the parties' details today", null);
    driver.update(pi, false, Map.of());

    // The coordinator's identity page still shows every identity, opened.
    ResponseEntity<String> page = rest.withBasicAuth("coordinator", "demo")
        .getForEntity("/api/cases/" + code + "/identity?purpose=ALLOCATION", String.class);
    assertThat(page.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(page.getBody()).contains("Wilhelmina Quarrendon", "1981-07-23", "ZQ80417", "Marine Policing Unit",
        "07700 900881", "Leopold Fanshawe-Grix", "ZQ66031", "HX-SEALCHECK-8812", "Chief Inspector");
    assertThat(vault.corrections(code)).extracting(IdentityVault.HistoryEntry::oldValue)
        .containsExactly("Marine Policing Unit", "Harbour Patrol Annex");
    assertThat(contactPlans.summary(code)).contains("personal mobile", "weekday evenings");

    // H2's SQL dump of the whole database.
    Path dir = Files.createDirectories(Path.of("target", "sealed-vault"));
    Path script = dir.resolve("dump.sql");
    Files.deleteIfExists(script);
    jdbc.execute("script to '" + script.toAbsolutePath() + "'");
    String dump = Files.readString(script, StandardCharsets.UTF_8);
    assertThat(dump).contains(code).contains("CASE_IDENTITY").contains(CaseSeal.PREFIX);
    assertThat(found(dump, SECRETS)).isEmpty();

    // The raw file of an H2 database holding the same data.
    Path file = dir.resolve("copy");
    Files.deleteIfExists(dir.resolve("copy.mv.db"));
    try (Connection copy = DriverManager.getConnection("jdbc:h2:file:" + file.toAbsolutePath(), "sa", "");
         Statement st = copy.createStatement()) {
      st.execute("runscript from '" + script.toAbsolutePath() + "'");
      st.execute("shutdown");
    }
    String raw = new String(Files.readAllBytes(dir.resolve("copy.mv.db")), StandardCharsets.ISO_8859_1);
    assertThat(raw).contains(code);
    assertThat(found(raw, SECRETS)).isEmpty();

    assertThat(SECRETS).noneMatch(output.getAll()::contains);
  }

  @Test
  void theDumpCheckFindsAnIdentityWrittenPlain() {
    // The check above can fail: a plain value, or its base64 or hex, is found.
    assertThat(found("x 'Quarrendon' y", SECRETS)).isNotEmpty();
    assertThat(found("x " + Base64.getEncoder().encodeToString("ZQ80417".getBytes(StandardCharsets.UTF_8)), SECRETS)).isNotEmpty();
    assertThat(found("x " + HexFormat.of().formatHex("Brackenridge".getBytes(StandardCharsets.UTF_8)), SECRETS)).isNotEmpty();
  }

  @Test
  void aCiphertextMovedToAnotherCaseOrColumnDoesNotOpen() {
    String a = referral("Tamsin Ollerenshaw");
    String b = referral("Cuthbert Pennyfeather");
    String aName = jdbc.queryForObject("select victim_name from case_identity where case_code = ?", String.class, a);
    assertThat(aName).startsWith(CaseSeal.PREFIX).doesNotContain("Tamsin");

    String bName = jdbc.queryForObject("select victim_name from case_identity where case_code = ?", String.class, b);
    String aPerpetrator = jdbc.queryForObject("select perpetrator_name from case_identity where case_code = ?", String.class, a);
    try {
      jdbc.update("update case_identity set victim_name = ? where case_code = ?", aName, b);
      assertThatThrownBy(() -> vault.find(b)).isInstanceOf(CaseSeal.TamperedException.class)
          .hasMessageNotContaining("Tamsin");

      jdbc.update("update case_identity set perpetrator_name = ? where case_code = ?", aName, a);
      assertThatThrownBy(() -> vault.find(a)).isInstanceOf(CaseSeal.TamperedException.class);
    } finally {
      // The other tests share this database: the rows are put back as they were.
      jdbc.update("update case_identity set victim_name = ? where case_code = ?", bName, b);
      jdbc.update("update case_identity set perpetrator_name = ? where case_code = ?", aPerpetrator, a);
    }
    assertThat(vault.find(b).orElseThrow().victim().name()).isEqualTo("Cuthbert Pennyfeather");

    // Sealed for another table's column of the same case: refused too.
    CaseSeal seal = seals.of(a);
    assertThatThrownBy(() -> seal.open(SealedColumns.BREAK_GLASS, "reason", aName)).isInstanceOf(CaseSeal.TamperedException.class);
    // A value changed by one character does not open.
    String flipped = aName.substring(0, aName.length() - 3) + (aName.charAt(aName.length() - 3) == 'A' ? 'B' : 'A')
        + aName.substring(aName.length() - 2);
    assertThatThrownBy(() -> seal.open(SealedColumns.CASE_IDENTITY, "victim_name", flipped)).isInstanceOf(CaseSeal.TamperedException.class);
    assertThat(seal.open(SealedColumns.CASE_IDENTITY, "victim_name", aName)).isEqualTo("Tamsin Ollerenshaw");
  }

  @Test
  void theMigrationSealsPlainRowsCountsThemAndSealsNothingTheSecondTime() {
    String code = "OV-PLAIN" + (char) ('A' + (int) (System.nanoTime() % 26));
    jdbc.update("delete from case_identity where case_code = ?", code);
    jdbc.update("delete from case_key where case_code = ?", code);
    jdbc.update("delete from contact_plan where case_code = ?", code);
    Timestamp now = Timestamp.from(Instant.now());
    // Rows as a database from before the seal holds them.
    jdbc.update("""
        insert into case_identity (case_code, external_reference, route, victim_name, victim_date_of_birth, victim_police_employee,
          victim_staff_number, perpetrator_name, perpetrator_police_employee, perpetrator_rank, known_to, created_at)
        values (?, 'OLD-REF-5511', 'MASH', 'Araminta Plainrow', '1990-01-02', true, 'PL11223', 'Osric Plainrow', true,
          'Superintendent', 'soo2', ?)""", code, now);
    jdbc.update("insert into contact_plan (case_code, soo_user_id, outcome, safe_channel, safe_times, voicemail_safe, message_safe, "
        + "work_contact_agreed, manager_copy_agreed, first_contact_at) values (?, 'soo1', 'ENGAGED', 'landline only', 'mornings', "
        + "false, false, false, false, ?)", code, now);
    String historyId = java.util.UUID.randomUUID().toString();
    jdbc.update("insert into identity_history (id, case_code, field, old_value, reason, changed_by, changed_at) "
        + "values (?, ?, 'victim.name', 'Araminta Oldname', 'married', 'coordinator', ?)", historyId, code, now);

    PlainRowSealer sealer = new PlainRowSealer(jdbc, seals);
    sealer.fillAboveConstable();
    List<PlainRowSealer.Count> first = sealer.sealAll();
    PlainRowSealer.Count identities = first.stream().filter(c -> c.table().equals("case_identity")).findFirst().orElseThrow();
    assertThat(identities.plainBefore()).isEqualTo(7);
    assertThat(identities.sealed()).isEqualTo(7);
    assertThat(identities.rowsAfter()).isEqualTo(identities.rowsBefore());
    assertThat(first).allSatisfy(c -> assertThat(c.plainAfter()).isZero());
    assertThat(first.stream().filter(c -> c.table().equals("contact_plan")).findFirst().orElseThrow().sealed()).isEqualTo(2);
    assertThat(first.stream().filter(c -> c.table().equals("identity_history")).findFirst().orElseThrow().sealed()).isEqualTo(2);

    String row = jdbc.queryForMap("select * from case_identity where case_code = ?", code).toString();
    assertThat(row).doesNotContain("Plainrow", "PL11223", "OLD-REF-5511", "1990-01-02", "Superintendent");
    CaseIdentity opened = vault.find(code).orElseThrow();
    assertThat(opened.victim().name()).isEqualTo("Araminta Plainrow");
    assertThat(opened.victim().dateOfBirth()).hasToString("1990-01-02");
    assertThat(opened.perpetrator().rank()).isEqualTo("Superintendent");
    assertThat(opened.externalReference()).isEqualTo("OLD-REF-5511");
    assertThat(opened.knownTo()).containsExactly("soo2");
    assertThat(jdbc.queryForObject("select perpetrator_above_constable from case_identity where case_code = ?", Boolean.class, code)).isTrue();
    assertThat(contactPlans.plans(code)).singleElement().satisfies(p -> assertThat(p.safeChannel()).isEqualTo("landline only"));
    assertThat(vault.corrections(code)).singleElement().satisfies(h -> assertThat(h.oldValue()).isEqualTo("Araminta Oldname"));

    List<PlainRowSealer.Count> second = sealer.sealAll();
    assertThat(second).allSatisfy(c -> {
      assertThat(c.sealed()).isZero();
      assertThat(c.plainBefore()).isZero();
      assertThat(c.rowsAfter()).isEqualTo(c.rowsBefore());
    });
    assertThat(vault.find(code).orElseThrow().victim().name()).isEqualTo("Araminta Plainrow");
  }

  private String referral(String victimName) {
    String definitionId = repositoryService.createProcessDefinitionQuery().processDefinitionKey("oversightCase")
        .latestVersion().singleResult().getId();
    Map<String, Object> form = new java.util.HashMap<>(START_FORM);
    form.put("externalReference", "HX-TAMPER-" + System.nanoTime());
    form.put("victimName", victimName);
    return formService.submitStartForm(definitionId, form).getBusinessKey();
  }
}
