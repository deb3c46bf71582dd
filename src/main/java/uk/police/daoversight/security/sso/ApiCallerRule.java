package uk.police.daoversight.security.sso;

import uk.police.daoversight.security.sso.SsoIdentity.Caller;
import uk.police.daoversight.security.sso.SsoIdentity.Kind;

/**
 * What a caller may send to {@code /api} in the {@code sso} profile, before the application's own
 * checks (groups, engine authorizations, conflicts), which apply as for anyone. Plain and unit-tested.
 * <ul>
 *   <li>A force system's token is for referral intake alone: {@code POST /api/referrals}, and only with
 *       the referral scope.</li>
 *   <li>A signed-in browser (the session cookie) may read (identity page, dashboard figures); a change
 *       needs a bearer token, so no change ever rides on a cookie (no cross-site request forgery).</li>
 * </ul>
 */
public final class ApiCallerRule {

  public static final String REFERRALS = "/api/referrals";

  private ApiCallerRule() {}

  /** Why the call is refused (403), or null when it may go on. */
  public static String refusal(Caller caller, boolean bySession, String method, String path, String referralScope) {
    if (caller == null) {
      return "Not signed in";
    }
    if (caller.kind() == Kind.SYSTEM) {
      if (!("POST".equals(method) && REFERRALS.equals(path))) {
        return "A force system's token is for referral intake alone (POST " + REFERRALS + ")";
      }
      if (!caller.referralScope()) {
        return "The token does not carry the referral intake scope (" + referralScope + ")";
      }
      return null;
    }
    if (bySession && !("GET".equals(method) || "HEAD".equals(method))) {
      return "A signed-in browser may only read through /api; changes need a bearer token from the force's identity provider";
    }
    return null;
  }
}
