package uk.police.daoversight.closure;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.List;
import java.util.UUID;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.variable.Variables;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import uk.police.daoversight.conference.CaseConferences;
import uk.police.daoversight.panel.PanelCandidates;
import uk.police.daoversight.process.CaseVariables;

/**
 * Hands a panel's or case conference's outcome to the case: it is recorded with its themes, its
 * actions become open actions that block closure, a "bring back" puts the case on the next panel's
 * list, an escalation requests a case conference, and the case process receives {@value #MESSAGE}.
 */
@Service
public class PanelOutcomes {

  public static final String MESSAGE = "PanelOutcomeRecorded";
  /** The outcome's direction, learning and good practice go back to the SOO, to feed back to the investigation team. */
  public static final String LEARNING_MESSAGE = "PanelLearningRecorded";

  public enum Kind { PANEL, CONFERENCE }

  /** What was decided for one case. primaryParties: only for a case conference. */
  public record Outcome(String caseCode, String meetingId, Kind kind, String directionForVictim,
                        String directionForInvestigation, String individualLearning, String goodPractice,
                        List<String> themes, List<PanelActions.NewAction> actions, boolean bringBack,
                        boolean escalateToConference, String primaryParties, String recordedBy) {

    /** An outcome with only actions and the bring-back decision (the rest left blank). */
    public static Outcome of(String caseCode, List<PanelActions.NewAction> actions, boolean bringBack) {
      return new Outcome(caseCode, null, Kind.PANEL, null, null, null, null, List.of(), actions, bringBack, false, null, null);
    }
  }

  private final PanelActions actions;
  private final PanelCandidates candidates;
  private final CaseConferences conferences;
  private final RuntimeService runtimeService;
  private final JdbcTemplate jdbc;
  private final Clock clock;

  public PanelOutcomes(PanelActions actions, PanelCandidates candidates, CaseConferences conferences,
                       RuntimeService runtimeService, JdbcTemplate jdbc, Clock clock) {
    this.actions = actions;
    this.candidates = candidates;
    this.conferences = conferences;
    this.runtimeService = runtimeService;
    this.jdbc = jdbc;
    this.clock = clock;
  }

  private String riskLevel(String caseCode) {
    var instance = runtimeService.createProcessInstanceQuery().processDefinitionKey("oversightCase")
        .processInstanceBusinessKey(caseCode).singleResult();
    Object risk = instance == null ? null : runtimeService.getVariable(instance.getId(), CaseVariables.RISK_LEVEL.getName());
    return risk == null ? "STANDARD" : risk.toString();
  }

  /** Routed to a case conference by the complexity rules: it keeps the complex slot at the panel. */
  private boolean complex(String caseCode) {
    var instance = runtimeService.createProcessInstanceQuery().processDefinitionKey("oversightCase")
        .processInstanceBusinessKey(caseCode).singleResult();
    return instance != null
        && "CASE_CONFERENCE".equals(runtimeService.getVariable(instance.getId(), CaseVariables.COMPLEX_ROUTE.getName()));
  }

  /** Returns the outcome id. */
  public String record(Outcome o) {
    String outcomeId = UUID.randomUUID().toString();
    jdbc.update("""
        insert into panel_outcome (id, case_code, meeting_id, kind, direction_victim, direction_investigation,
          individual_learning, good_practice, bring_back, escalate_to_conference, primary_parties, recorded_at, recorded_by)
        values (?,?,?,?,?,?,?,?,?,?,?,?,?)""",
        outcomeId, o.caseCode(), o.meetingId(), o.kind().name(), o.directionForVictim(), o.directionForInvestigation(),
        o.individualLearning(), o.goodPractice(), o.bringBack(), o.escalateToConference(), o.primaryParties(),
        Timestamp.from(clock.instant()), o.recordedBy());
    for (String theme : o.themes()) {
      jdbc.update("insert into outcome_theme (outcome_id, theme_id) values (?,?)", outcomeId, theme);
    }
    actions.add(o.caseCode(), outcomeId, o.actions());
    if (o.bringBack()) {
      candidates.broughtBack(o.caseCode(), riskLevel(o.caseCode()), o.escalateToConference() || complex(o.caseCode()));
    } else if (o.kind() == Kind.PANEL) {
      candidates.remove(o.caseCode());
    }
    if (o.escalateToConference()) {
      conferences.request(o.caseCode());
    }
    runtimeService.createMessageCorrelation(MESSAGE)
        .processInstanceBusinessKey(o.caseCode())
        .setVariable(CaseVariables.PANEL_OUTCOME_ID.getName(), outcomeId)
        .setVariable(CaseVariables.PANEL_REQUESTED_RETURN.getName(), Variables.booleanValue(o.bringBack()))
        .correlate();
    if (!PanelLearning.of(outcomeId, o.directionForVictim(), o.directionForInvestigation(), o.individualLearning(), o.goodPractice())
        .isEmpty()) {
      runtimeService.createMessageCorrelation(LEARNING_MESSAGE)
          .processInstanceBusinessKey(o.caseCode())
          .setVariable(CaseVariables.LEARNING_OUTCOME_ID.getName(), outcomeId)
          .correlate();
    }
    return outcomeId;
  }
}
