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
 */
public record AgendaCandidate(String caseCode, String reviewType, boolean requestedBack, String riskLevel,
                              int daysWaiting, List<String> soos) {

  public AgendaCandidate {
    soos = soos == null ? List.of() : List.copyOf(soos);
  }
}
