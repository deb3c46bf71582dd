package uk.police.daoversight.intake;

import java.util.Set;

/**
 * The coordinator's correction of the complex-case routing at "Review history": the route the
 * rules decided stands unless the coordinator chooses the other one and says why.
 */
public final class RouteCorrection {

  public static final String CASE_CONFERENCE = "CASE_CONFERENCE";
  public static final String PANEL = "PANEL";
  /** The form's "keep the decided route" choice; blank means the same. */
  public static final String KEEP = "KEEP";
  public static final int MAX_REASON_CHARS = 1_000;

  private static final Set<String> ROUTES = Set.of(CASE_CONFERENCE, PANEL);

  private RouteCorrection() {}

  /** Why a correction is refused, shown to the coordinator as it is. */
  public static final class Refused extends RuntimeException {
    Refused(String message) {
      super(message);
    }
  }

  /**
   * The route the case takes.
   *
   * @throws Refused when the correction is not a route, or changes the route without a reason
   */
  public static String route(String decided, String correction, String reason) {
    if (correction == null || correction.isBlank() || KEEP.equals(correction)) {
      return decided;
    }
    if (!ROUTES.contains(correction)) {
      throw new Refused("Choose a case conference, the panel, or keep the route decided");
    }
    if (correction.equals(decided)) {
      return decided;
    }
    if (reason == null || reason.isBlank()) {
      throw new Refused("Give a reason for changing the route from " + label(decided) + " to " + label(correction));
    }
    if (reason.length() > MAX_REASON_CHARS) {
      throw new Refused("Keep the reason for the route change within " + MAX_REASON_CHARS + " characters");
    }
    return correction;
  }

  static String label(String route) {
    return CASE_CONFERENCE.equals(route) ? "a case conference" : PANEL.equals(route) ? "the panel" : "the route decided";
  }
}
