package uk.police.daoversight.panel;

import java.util.List;

/**
 * A case waiting for the panel.
 *
 * @param caseCode      the case code
 * @param reviewType    "NEW" or "UPDATE"
 * @param requestedBack true when the panel asked to see the case again
 * @param riskLevel     the case's current risk level, e.g. "HIGH"
 * @param daysWaiting   days the case has waited for the panel (0 or more)
 * @param soos          the SOO user ids of the case; two for a counter-allegation case, which still
 *                      share ONE slot
 * @param notReached    the last panel had it on its agenda and did not reach it: it goes first
 * @param sooRequested  the SOO asked to bring it back (it keeps its type and priority)
 * @param complex       the case was routed to a case conference: it gets the slot rules' complex slot
 */
public record AgendaCandidate(String caseCode, String reviewType, boolean requestedBack, String riskLevel,
                              int daysWaiting, List<String> soos, boolean notReached, boolean sooRequested,
                              boolean complex) {

  public AgendaCandidate {
    soos = soos == null ? List.of() : List.copyOf(soos);
  }

  public AgendaCandidate(String caseCode, String reviewType, boolean requestedBack, String riskLevel,
                         int daysWaiting, List<String> soos, boolean notReached, boolean sooRequested) {
    this(caseCode, reviewType, requestedBack, riskLevel, daysWaiting, soos, notReached, sooRequested, false);
  }

  public AgendaCandidate(String caseCode, String reviewType, boolean requestedBack, String riskLevel,
                         int daysWaiting, List<String> soos) {
    this(caseCode, reviewType, requestedBack, riskLevel, daysWaiting, soos, false, false, false);
  }
}
