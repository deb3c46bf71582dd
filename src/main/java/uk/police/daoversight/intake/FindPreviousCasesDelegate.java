package uk.police.daoversight.intake;

import static uk.police.daoversight.process.CaseVariables.CASE_CODE;
import static uk.police.daoversight.process.CaseVariables.EARLIER_CASES;
import static uk.police.daoversight.process.CaseVariables.LINK_TO_PREVIOUS_CASE;
import static uk.police.daoversight.process.CaseVariables.POSSIBLE_MATCHES;
import static uk.police.daoversight.process.CaseVariables.PREVIOUS_CASE_CODES;
import static uk.police.daoversight.process.CaseVariables.PREVIOUS_SOO;
import static uk.police.daoversight.process.CaseVariables.SERIAL_FINDING;
import static uk.police.daoversight.process.CaseVariables.SERIAL_PERPETRATOR;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;
import uk.police.daoversight.allocation.AllocationDesk;

/**
 * "Search previous cases", before the complex-case decision: the vault matches the same people and
 * decides the serial facts; only case codes, counts and the reason come back. A serial perpetrator
 * or serial victim found here sets {@code serialPerpetrator} (a box ticked at referral stays ticked).
 */
@Component
public class FindPreviousCasesDelegate implements JavaDelegate {

  static final String NONE_FOUND = "None found";
  static final String TICKED_AT_REFERRAL = "Serial perpetrator or victims: ticked at referral.";

  private final AllocationDesk desk;

  public FindPreviousCasesDelegate(AllocationDesk desk) {
    this.desk = desk;
  }

  @Override
  public void execute(DelegateExecution execution) {
    AllocationDesk.History history = desk.history(CASE_CODE.from(execution).get());
    PREVIOUS_CASE_CODES.on(execution).set(history.previousCases() == null ? "None found" : history.previousCases());
    EARLIER_CASES.on(execution).set(history.earlierCases());
    String possible = desk.possibleMatches(CASE_CODE.from(execution).get());
    POSSIBLE_MATCHES.on(execution).set(possible == null ? NONE_FOUND : possible);
    PREVIOUS_SOO.on(execution).set(history.previousSoo());
    LINK_TO_PREVIOUS_CASE.on(execution).set(history.latestVictimCase() != null);
    boolean ticked = Boolean.TRUE.equals(SERIAL_PERPETRATOR.from(execution).getOrNull());
    SERIAL_PERPETRATOR.on(execution).set(ticked || history.isSerial());
    SERIAL_FINDING.on(execution).set(history.serialFinding() != null ? history.serialFinding()
        : ticked ? TICKED_AT_REFERRAL : "None found");
  }
}
