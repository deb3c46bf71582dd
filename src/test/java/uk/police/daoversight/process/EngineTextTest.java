package uk.police.daoversight.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class EngineTextTest {

  @Test
  void everythingThatFitsIsJoinedAsIs() {
    assertThat(EngineText.joinWithin(List.of("a", "b", "c"), ", ", 7, n -> "and " + n + " more")).isEqualTo("a, b, c");
  }

  @Test
  void whatDoesNotFitIsCountedAfterThePartsThatDo() {
    assertThat(EngineText.joinWithin(List.of("aa", "bb", "cc", "dd"), ", ", 6, n -> "and " + n + " more"))
        .isEqualTo("aa, bb, and 2 more");
  }

  @Test
  void aFirstPartTooLongLeavesOnlyTheCount() {
    assertThat(EngineText.joinWithin(List.of("abcdef"), "\n", 3, n -> n + " left out")).isEqualTo("1 left out");
  }

  @Test
  void nothingGivesEmptyText() {
    assertThat(EngineText.joinWithin(List.of(), "\n", 10, n -> "never")).isEmpty();
  }

  @Test
  void thousandsOfLinesStayWithinTheEnginesColumn() {
    List<String> lines = IntStream.range(0, 5_000).mapToObj(i -> "CASE-" + i + " (NEW): Panel full").toList();
    String text = EngineText.joinWithin(lines, "\n", EngineText.MAX_CHARS, n -> "... and " + n + " more");
    assertThat(text.length()).isLessThanOrEqualTo(4_000);
    assertThat(text).startsWith("CASE-0 (NEW)").endsWith(" more");
    int shown = text.split("\n").length - 1;
    assertThat(text).endsWith("... and " + (5_000 - shown) + " more");
  }

  @Test
  void aBoundBelowOneIsRefused() {
    assertThatThrownBy(() -> EngineText.joinWithin(List.of("a"), ",", 0, n -> ""))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
