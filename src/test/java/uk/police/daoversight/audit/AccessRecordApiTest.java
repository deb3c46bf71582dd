package uk.police.daoversight.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import uk.police.daoversight.intake.ReferralRequest;
import uk.police.daoversight.support.CaseDriver;
import uk.police.daoversight.support.EngineTest;
import uk.police.daoversight.support.IntegrationTest;
import uk.police.daoversight.support.Referrals;

/** The access record's API: purposes, disclosures, junk kept, paging and filters, formula-safe CSV, verify. */
@IntegrationTest
class AccessRecordApiTest extends EngineTest {

  @Autowired TestRestTemplate rest;
  @Autowired RuntimeService runtimeService;
  @Autowired TaskService taskService;
  @Autowired JdbcTemplate jdbc;

  @Test
  void anIdentityReadNeedsAPurposeFromTheListAndStoresIt() {
    ReferralRequest referral = Referrals.policeVictim("MASH");
    ProcessInstance pi = new CaseDriver(runtimeService).start(referral);
    String code = pi.getBusinessKey();
    String base = "/api/cases/" + code + "/identity";
    for (String bad : List.of("", "?purpose=", "?purpose=CURIOSITY", "?purpose=CONTACT_VICTIM&note=" + "x".repeat(501))) {
      long before = lastSeq();
      ResponseEntity<String> refused = rest.withBasicAuth("coordinator", "demo").getForEntity(base + bad, String.class);
      assertThat(refused.getStatusCode()).as(bad).isEqualTo(HttpStatus.BAD_REQUEST);
      assertThat(refused.getBody()).as(bad).doesNotContain(referral.victim().name()).doesNotContain("at org.");
      if (!bad.contains("note")) {
        assertThat(refused.getBody()).contains("CONTACT_VICTIM").contains("IG_REVIEW");
      }
      assertThat(jdbc.queryForList("select outcome from access_audit where seq > ? and case_code = ? and action = 'READ_IDENTITY'",
          String.class, before, code)).containsExactly("REFUSED");
    }
    long before = lastSeq();
    ResponseEntity<String> read = rest.withBasicAuth("coordinator", "demo")
        .getForEntity(base + "?purpose=contact_victim&note=arranging the first visit", String.class);
    assertThat(read.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(read.getBody()).contains(referral.victim().name());
    assertThat(jdbc.queryForList("select outcome, purpose, purpose_note from access_audit where seq > ? and case_code = ?"
        + " and action = 'READ_IDENTITY'", before, code)).containsExactly(
            Map.of("OUTCOME", "ALLOWED", "PURPOSE", "CONTACT_VICTIM", "PURPOSE_NOTE", "arranging the first visit"));
    assertThat(rest.withBasicAuth("soo1", "demo").getForEntity("/api/audit/purposes", String.class).getBody())
        .contains("INVESTIGATION_UPDATE");
  }

  @Test
  void aCsvExportIsADisclosureWithItsRecipient() {
    assertThat(rest.withBasicAuth("auditor", "demo").getForEntity("/api/audit?format=csv", String.class).getStatusCode())
        .isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(rest.withBasicAuth("analyst", "demo").getForEntity("/api/reports/outputs?format=csv", String.class).getStatusCode())
        .isEqualTo(HttpStatus.BAD_REQUEST);
    long before = lastSeq();
    assertThat(rest.withBasicAuth("auditor", "demo").getForEntity("/api/audit?format=csv&recipient=PSD Op Vesta", String.class)
        .getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(rest.withBasicAuth("analyst", "demo").getForEntity("/api/reports/outputs?format=csv&recipient=Force Board", String.class)
        .getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(jdbc.queryForList("select action || ':' || recipient from access_audit where seq > ? and recipient is not null",
        String.class, before)).containsExactly("DISCLOSE_AUDIT:PSD Op Vesta", "DISCLOSE_BOARD_PACK:Force Board");
  }

  @Test
  void junkIsRecordedAsTypedCutShortNeverA500() {
    String junk = "=HYPERLINK(\"x\")\r\n" + "Z".repeat(400);
    long before = lastSeq();
    ResponseEntity<String> identity = rest.withBasicAuth("manager", "demo").getForEntity("/api/audit?caseCode={c}", String.class, junk);
    assertThat(identity.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
    ResponseEntity<String> engine = rest.withBasicAuth("soo2", "demo").getForEntity("/engine-rest/process-instance/" + "Q".repeat(300), String.class);
    assertThat(engine.getStatusCode().value()).isIn(400, 403, 404);
    List<Map<String, Object>> rows = jdbc.queryForList("select user_id, case_code, attempted, outcome from access_audit where seq > ?"
        + " and attempted is not null order by seq", before);
    assertThat(rows).hasSize(2).allSatisfy(r -> {
      assertThat(r.get("CASE_CODE")).isNull();
      assertThat(r.get("OUTCOME")).isEqualTo("REFUSED");
      assertThat(((String) r.get("ATTEMPTED")).length()).isEqualTo(AccessAudit.ATTEMPTED_MAX);
    });
    assertThat((String) rows.get(0).get("ATTEMPTED")).startsWith("=HYPERLINK(\"x\")??ZZZ");
    assertThat((String) rows.get(1).get("ATTEMPTED")).startsWith("QQQ");

    String csv = rest.withBasicAuth("auditor", "demo").getForEntity("/api/audit?user=manager&size=5&format=csv&recipient=test", String.class).getBody();
    assertThat(csv).contains("\"'=HYPERLINK(\"\"x\"\")??ZZ").doesNotContain(",\"=");
  }

  @Test
  void theRecordPagesNewestFirstWithATotalAndFilters() {
    for (int i = 0; i < 3; i++) {
      rest.withBasicAuth("partner1", "demo").getForEntity("/api/audit?caseCode=ABCD-EFG" + (i + 2), String.class);
    }
    ResponseEntity<Map> page = rest.withBasicAuth("auditor", "demo").getForEntity("/api/audit?user=partner1&outcome=REFUSED&size=2", Map.class);
    assertThat(page.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(((Number) page.getBody().get("total")).intValue()).isGreaterThanOrEqualTo(3);
    List<Map<String, Object>> entries = (List<Map<String, Object>>) page.getBody().get("entries");
    assertThat(entries).hasSize(2);
    assertThat(((Number) entries.get(0).get("id")).longValue()).isGreaterThan(((Number) entries.get(1).get("id")).longValue());
    assertThat(entries.get(0).get("caseCode")).isEqualTo("ABCD-EFG4");
    ResponseEntity<Map> byCase = rest.withBasicAuth("auditor", "demo").getForEntity("/api/audit?caseCode=ABCD-EFG3&from=2020-01-01", Map.class);
    assertThat((List<Map<String, Object>>) byCase.getBody().get("entries")).isNotEmpty()
        .allSatisfy(e -> assertThat(e.get("caseCode")).isEqualTo("ABCD-EFG3"));
    ResponseEntity<Map> none = rest.withBasicAuth("auditor", "demo").getForEntity("/api/audit?user=partner1&outcome=GRANTED", Map.class);
    assertThat(((Number) none.getBody().get("total")).intValue()).isZero();
    for (String bad : List.of("outcome=MAYBE", "page=-1", "size=0", "size=100000", "page=x")) {
      assertThat(rest.withBasicAuth("auditor", "demo").getForEntity("/api/audit?" + bad, String.class).getStatusCode()).as(bad)
          .isEqualTo(HttpStatus.BAD_REQUEST);
    }
  }

  @Test
  void csvCellsAreSafeAgainstFormulas() {
    for (String formula : List.of("=1+1", "+1", "-1", "@SUM(A1)", "\t=1", "\r=1", "  =1", " @x")) {
      assertThat(AuditController.cell(formula)).as(formula).startsWith("\"'");
    }
    assertThat(AuditController.cell("a\"b")).isEqualTo("\"a\"\"b\"");
    assertThat(AuditController.cell("READ_ENGINE")).isEqualTo("\"READ_ENGINE\"");
    assertThat(AuditController.cell("x\ny")).isEqualTo("\"x y\"");
  }

  @Test
  void verifyIsForInformationGovernanceAndFindsTheChainIntact() {
    rest.withBasicAuth("manager", "demo").getForEntity("/api/audit", String.class);
    ResponseEntity<Map> verify = rest.withBasicAuth("auditor", "demo").getForEntity("/api/audit/verify", Map.class);
    assertThat(verify.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(verify.getBody().get("intact")).as(String.valueOf(verify.getBody())).isEqualTo(true);
    assertThat(((Number) verify.getBody().get("rowsChecked")).intValue()).isPositive();
    for (String user : List.of("manager", "coordinator", "admin")) {
      assertThat(rest.withBasicAuth(user, "demo").getForEntity("/api/audit/verify", String.class).getStatusCode()).as(user)
          .isEqualTo(HttpStatus.FORBIDDEN);
    }
  }

  @Autowired AccessAudit audit;

  @Test
  void theEmbeddedDatabaseRefusesToChangeTruncateOrEmptyTheRecord() {
    audit.record("truncate-check", null, "READ_ENGINE", AccessAudit.Outcome.ALLOWED, null);
    long rows = jdbc.queryForObject("select count(*) from access_audit", Long.class);
    for (String attack : List.of("truncate table access_audit", "delete from access_audit", "update access_audit set user_id = 'x'")) {
      org.assertj.core.api.Assertions.assertThatThrownBy(() -> jdbc.execute(attack)).as(attack).isNotNull();
    }
    assertThat(jdbc.queryForObject("select count(*) from access_audit", Long.class)).isEqualTo(rows);
  }

  @Test
  void twoThousandTasksAreFoundInTheAnswerAndRecordedInOneBatch() {
    List<Map<String, Object>> tasks = new java.util.ArrayList<>();
    for (int i = 0; i < 2000; i++) {
      tasks.add(Map.of("id", "task-" + i, "processInstanceId", "pi-" + i, "name", "Contact the victim"));
    }
    CaseAnswers.Found found = CaseAnswers.find(tasks);
    assertThat(found.processInstanceIds()).hasSize(2000);
    assertThat(CaseAnswers.find(List.of()).empty()).isTrue();
    assertThat(CaseAnswers.find(Map.of("_embedded", Map.of("task", List.of()), "count", 0)).empty()).isTrue();
    assertThat(CaseAnswers.find(Map.of("id", "pi-x", "businessKey", "ABCD-EFGH", "definitionId", "d")).processInstanceIds())
        .containsExactly("pi-x");

    long before = lastSeq();
    List<AccessAudit.Row> rows = new java.util.ArrayList<>();
    for (int i = 0; i < 2000; i++) {
      rows.add(new AccessAudit.Row("batch-check", "ABCD-EFGH", "READ_ENGINE", AccessAudit.Outcome.ALLOWED, "row " + i));
    }
    long started = System.nanoTime();
    audit.recordAll(rows);
    long millis = (System.nanoTime() - started) / 1_000_000;
    assertThat(lastSeq()).isEqualTo(before + 2000);
    assertThat(millis).as("2,000 rows in one batch insert").isLessThan(10_000);
    assertThat(audit.verify().intact()).isTrue();
  }

  private long lastSeq() {
    Long seq = jdbc.queryForObject("select coalesce(max(seq), 0) from access_audit", Long.class);
    return seq == null ? 0 : seq;
  }
}
