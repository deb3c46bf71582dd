package uk.police.daoversight.intake;

import static uk.police.daoversight.process.CaseVariables.CASE_CODE;
import static uk.police.daoversight.process.CaseVariables.COMPLEX_ROUTE;
import static uk.police.daoversight.process.CaseVariables.CONFIRMED_MATCHES;
import static uk.police.daoversight.process.CaseVariables.DUAL_SOO;
import static uk.police.daoversight.process.CaseVariables.ROUTE_CORRECTION;
import static uk.police.daoversight.process.CaseVariables.ROUTE_CORRECTION_REASON;
import static uk.police.daoversight.process.CaseVariables.SERIAL_FINDING;
import static uk.police.daoversight.process.CaseVariables.SERIAL_PERPETRATOR;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.BadUserRequestException;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.springframework.stereotype.Component;
import uk.police.daoversight.allocation.AllocationDesk;
import uk.police.daoversight.allocation.AllocationRefusedException;

/**
 * "Review history", on complete: the likely matches the coordinator confirmed (#19 item 5), then the
 * coordinator's routing correction ({@link RouteCorrection}). A confirmed match that makes the case
 * serial sets {@code serialPerpetrator} with the finding and decides the route again by the routing
 * rules; matches not confirmed are rejected and never count. A refused confirmation or correction
 * rolls the completion back with the reason (engine-rest answers 400); an accepted correction
 * replaces the decided route.
 */
@Component
public class ReviewHistoryListener implements TaskListener {

  static final String ROUTING_DECISION = "complexCaseRouting";
  static final int MAX_CONFIRMED_CHARS = 500;

  private final AllocationDesk desk;

  public ReviewHistoryListener(AllocationDesk desk) {
    this.desk = desk;
  }

  @Override
  public void notify(DelegateTask task) {
    confirmMatches(task);
    String decided = COMPLEX_ROUTE.from(task).getOrNull();
    String route;
    try {
      route = RouteCorrection.route(decided, ROUTE_CORRECTION.from(task).getOrNull(),
          ROUTE_CORRECTION_REASON.from(task).getOrNull());
    } catch (RouteCorrection.Refused refused) {
      throw new BadUserRequestException(refused.getMessage());
    }
    if (route != null && !route.equals(decided)) {
      COMPLEX_ROUTE.on(task.getExecution()).set(route);
    }
  }

  private void confirmMatches(DelegateTask task) {
    List<String> codes = codes(CONFIRMED_MATCHES.from(task).getOrNull());
    if (codes.isEmpty()) {
      return;
    }
    Authentication who = task.getProcessEngineServices().getIdentityService().getCurrentAuthentication();
    String by = who != null && who.getUserId() != null ? who.getUserId()
        : task.getAssignee() != null ? task.getAssignee() : "case-coordinators";
    AllocationDesk.History history;
    try {
      history = desk.confirmMatches(CASE_CODE.from(task).get(), codes, by);
    } catch (AllocationRefusedException refused) {
      throw new BadUserRequestException(refused.getMessage());
    }
    boolean wasSerial = Boolean.TRUE.equals(SERIAL_PERPETRATOR.from(task).getOrNull());
    if (history.isSerial() && !wasSerial) {
      var execution = task.getExecution();
      SERIAL_PERPETRATOR.on(execution).set(true);
      SERIAL_FINDING.on(execution).set(history.serialFinding());
      Map<String, Object> result = task.getProcessEngineServices().getDecisionService()
          .evaluateDecisionByKey(ROUTING_DECISION).variables(execution.getVariables()).evaluate().getSingleResult().getEntryMap();
      COMPLEX_ROUTE.on(execution).set((String) result.get("route"));
      DUAL_SOO.on(execution).set(Boolean.TRUE.equals(result.get("dualSoo")));
    }
  }

  /** "ABCD-EFGH, WXYZ-2345" as case codes; anything that is not one is refused. */
  static List<String> codes(String text) {
    if (text == null || text.isBlank()) {
      return List.of();
    }
    if (text.length() > MAX_CONFIRMED_CHARS) {
      throw new BadUserRequestException("Confirmed matches: at most " + MAX_CONFIRMED_CHARS + " characters of case codes");
    }
    List<String> codes = Arrays.stream(text.split("[,;\\s]+")).filter(c -> !c.isBlank()).map(c -> c.trim().toUpperCase())
        .distinct().toList();
    for (String code : codes) {
      if (!code.matches("[A-HJ-NP-Z2-9]{4}-[A-HJ-NP-Z2-9]{4}")) {
        throw new BadUserRequestException("Confirmed matches: give the case codes offered, such as ABCD-EFGH, separated by commas");
      }
    }
    return codes;
  }
}
