package uk.police.daoversight.allocation;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The outcome of {@link AllocationService#recommend}.
 *
 * @param recommended the SOOs to allocate, in recommendation order (at most {@code needed})
 * @param eligible    every eligible SOO, fairest first
 * @param excluded    user id to a generic reason (never names a department, staff number or who knows whom)
 * @param explanation one or more sentences for the coordinator
 * @param needed      how many SOOs the case needs (1, or 2 for a counter-allegation case)
 */
public record Recommendation(List<String> recommended, List<String> eligible, Map<String, String> excluded,
                             String explanation, int needed) {

  public Recommendation {
    recommended = List.copyOf(recommended);
    eligible = List.copyOf(eligible);
    excluded = Collections.unmodifiableMap(new LinkedHashMap<>(excluded));
  }

  /** True when there are enough eligible SOOs for the case. */
  public boolean found() {
    return recommended.size() == needed;
  }
}
