package uk.police.daoversight.allocation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class RecommendSooDelegateTest {

  @Test
  void aForceRosterIsListedInFull() {
    assertThat(RecommendSooDelegate.eligibleSoos(List.of("ci.patel", "ci.jones"))).isEqualTo("ci.patel\nci.jones");
  }

  @Test
  void noEligibleSooSaysNone() {
    assertThat(RecommendSooDelegate.eligibleSoos(List.of())).isEqualTo("None");
  }

  @Test
  void aRegionalRosterOfLongIdsShowsTheFairestAndCountsTheRest() {
    List<String> soos = IntStream.range(0, 300)
        .mapToObj(i -> String.format("chief.inspector.%03d@region.police.example.uk", i)).toList();
    String shown = RecommendSooDelegate.eligibleSoos(soos);
    assertThat(shown.length()).isLessThanOrEqualTo(RecommendSooDelegate.ELIGIBLE_SHOWN_CHARS + 20);
    assertThat(shown).startsWith("chief.inspector.000@").matches("(?s).*\nand \\d+ more$");
    int listed = shown.split("\n").length - 1;
    assertThat(shown).endsWith("and " + (300 - listed) + " more");
  }
}
