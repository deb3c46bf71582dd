package uk.police.daoversight.allocation;

import java.util.List;
import java.util.Map;

/**
 * recommended: the SOOs to allocate, in order (victim's SOO first); eligible: all eligible SOOs,
 * fairest first; excluded: user id to a generic reason; explanation: sentences for the coordinator.
 */
public record Recommendation(List<String> recommended, List<String> eligible, Map<String, String> excluded,
                             String explanation, int needed) {

  public boolean found() {
    return recommended.size() == needed;
  }
}
