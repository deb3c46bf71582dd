package uk.police.daoversight.allocation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import uk.police.daoversight.intake.ReferralRequest;
import uk.police.daoversight.support.CaseDriver;
import uk.police.daoversight.support.IntegrationTest;
import uk.police.daoversight.support.Referrals;

/** {@code GET /api/cases/{code}/history}: the full earlier history, paged newest first, for coordinators only. */
@IntegrationTest
class HistoryApiTest {

  @Autowired TestRestTemplate rest;
  @Autowired RuntimeService runtimeService;

  @AfterEach
  void resetClock() {
    ClockUtil.reset();
  }

  @Test
  void coordinatorsPageThroughTheHistoryNewestFirstAndOthersCannot() {
    String id = UUID.randomUUID().toString().substring(0, 8);
    ReferralRequest.PartyRequest perpetrator =
        new ReferralRequest.PartyRequest("Hugo Pager-" + id, "1978-07-08", true, "HP" + id, "PC", "Response East", null);
    CaseDriver driver = new CaseDriver(runtimeService);
    List<ProcessInstance> cases = new java.util.ArrayList<>();
    ClockUtil.setCurrentTime(new java.util.Date());
    for (int i = 0; i < 3; i++) {
      cases.add(driver.start(new ReferralRequest("CALL_999", Referrals.uniqueReference(),
          new ReferralRequest.PartyRequest("Vanessa Pager-" + i + id, "1990-01-0" + (i + 1), false, null, null, null, null),
          perpetrator, List.of(), "MEDIUM", false, false, false)));
      ClockUtil.setCurrentTime(new java.util.Date(ClockUtil.getCurrentTime().getTime() + 60_000));
    }
    String latest = cases.get(2).getBusinessKey();

    ResponseEntity<Map<String, Object>> page0 = get("coordinator", latest, "?page=0&size=1");
    ResponseEntity<Map<String, Object>> page1 = get("coordinator", latest, "?page=1&size=1");
    assertThat(page0.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(page0.getBody()).containsEntry("total", 2).containsEntry("page", 0).containsEntry("size", 1);
    assertThat(codes(page0)).containsExactly(cases.get(1).getBusinessKey());
    assertThat(codes(page1)).containsExactly(cases.get(0).getBusinessKey());
    assertThat(rest.withBasicAuth("coordinator", "demo").getForObject("/api/cases/" + latest + "/history", String.class))
        .contains("same perpetrator").doesNotContain("Pager").doesNotContain("HP" + id);

    for (String user : List.of("soo1", "manager", "chair", "analyst")) {
      assertThat(get(user, latest, "").getStatusCode()).as(user).isEqualTo(HttpStatus.FORBIDDEN);
    }
    assertThat(get("coordinator", latest, "?page=-1").getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(get("coordinator", latest, "?size=1000").getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(get("coordinator", latest, "?size=lots").getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(get("coordinator", "ZZZZ-ZZZZ", "").getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
  }

  @SuppressWarnings("unchecked")
  private static List<String> codes(ResponseEntity<Map<String, Object>> page) {
    return ((List<Map<String, Object>>) page.getBody().get("cases")).stream().map(c -> (String) c.get("caseCode")).toList();
  }

  private ResponseEntity<Map<String, Object>> get(String user, String caseCode, String query) {
    return rest.withBasicAuth(user, "demo").exchange("/api/cases/" + caseCode + "/history" + query, HttpMethod.GET, null,
        new ParameterizedTypeReference<>() {});
  }
}
