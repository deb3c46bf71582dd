package uk.police.daoversight.process;

import java.util.List;
import java.util.function.IntFunction;

/**
 * Text for the engine's string variables, which Camunda 7 stores in {@code ACT_RU_VARIABLE.TEXT_},
 * a varchar(4000) on every database: a longer value makes the whole transaction fail. Lists that grow
 * with the caseload (cases carried over, eligible SOOs) are shown up to a bound, then counted.
 */
public final class EngineText {

  /** The engine's column is 4,000 characters; the rest is room for the "and N more" line. */
  public static final int MAX_CHARS = 3_800;

  private EngineText() {}

  /**
   * Joins the parts in their order while they fit in {@code maxChars}; the parts left out are
   * summed up by {@code more}, given how many were left out, appended after the separator.
   *
   * @throws IllegalArgumentException when maxChars is less than 1
   */
  public static String joinWithin(List<String> parts, String separator, int maxChars, IntFunction<String> more) {
    if (maxChars < 1) {
      throw new IllegalArgumentException("maxChars must be at least 1, was " + maxChars);
    }
    StringBuilder text = new StringBuilder();
    int shown = 0;
    for (String part : parts) {
      int needed = (shown == 0 ? 0 : separator.length()) + part.length();
      if (text.length() + needed > maxChars) {
        break;
      }
      if (shown > 0) {
        text.append(separator);
      }
      text.append(part);
      shown++;
    }
    int left = parts.size() - shown;
    if (left > 0) {
      if (shown > 0) {
        text.append(separator);
      }
      text.append(more.apply(left));
    }
    return text.toString();
  }
}
