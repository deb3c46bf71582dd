package uk.police.daoversight.security.sso;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;
import uk.police.daoversight.security.Groups;

/**
 * Who a token's claims name, in this application's terms: the engine's user id and groups. Plain and
 * unit-tested ({@code SsoIdentityTest}); the Spring Security wiring calls it for a sign-in and for
 * every bearer token.
 *
 * <ul>
 *   <li>A <b>person</b>: the staff directory is the source of who they are. Their staff-number claim
 *       is matched in the directory first, then their user-id claim; the directory's user id is the
 *       engine's user id, so the conflict rules (department, line of command) and alerts apply to the
 *       real person. Groups are the token's provider groups mapped by {@code oversight.sso.group-mapping};
 *       a group that is not mapped gives nothing, whatever its name.</li>
 *   <li>A <b>force system</b> (client credentials, its client id listed in {@code referral-clients}):
 *       its client id is the user id, and its only group is {@link Groups#REFERRAL_INTAKE}, when the
 *       token carries the referral scope.</li>
 * </ul>
 */
public class SsoIdentity {

  /** The engine's own rule for user ids ({@code userResourceWhitelistPattern}). */
  static final Pattern USER_ID = Pattern.compile("[a-zA-Z0-9._-]{1,64}");

  public enum Kind { PERSON, SYSTEM }

  /** The resolved caller. {@code refusal} is set when the token cannot be used, with the reason (never a claim's value). */
  public record Caller(Kind kind, String userId, List<String> groups, boolean referralScope, String refusal)
      implements java.io.Serializable {
    static Caller refused(String reason) {
      return new Caller(Kind.PERSON, null, List.of(), false, reason);
    }
  }

  private final SsoProperties properties;
  /** Staff number to directory user id. */
  private final Function<String, Optional<String>> directoryByStaffNumber;
  /** User id to directory user id (present when the directory knows them). */
  private final Function<String, Optional<String>> directoryByUserId;

  public SsoIdentity(SsoProperties properties, Function<String, Optional<String>> directoryByStaffNumber,
                     Function<String, Optional<String>> directoryByUserId) {
    this.properties = properties;
    this.directoryByStaffNumber = directoryByStaffNumber;
    this.directoryByUserId = directoryByUserId;
    properties.getGroupMapping().forEach((provider, group) -> {
      if (!Groups.ALL.contains(group) || Groups.REFERRAL_INTAKE.equals(group)) {
        throw new IllegalStateException("oversight.sso.group-mapping maps a provider group to '" + group
            + "', which is not one of the groups people hold " + Groups.ALL + " (referral-intake is for force systems alone)");
      }
    });
    for (String client : properties.getReferralClients()) {
      if (!USER_ID.matcher(client).matches()) {
        throw new IllegalStateException("oversight.sso.referral-clients: a client id must be 1 to 64 of letters, digits, '.', '_' or '-'");
      }
    }
  }

  /** A person's sign-in (ID token and user info) or a bearer token: claims as the provider sent them. */
  public Caller resolve(Map<String, Object> claims) {
    String clientId = clientId(claims);
    if (clientId != null && properties.getReferralClients().contains(clientId) && !hasPersonClaims(claims)) {
      boolean scoped = scopes(claims).contains(properties.getReferralScope());
      return new Caller(Kind.SYSTEM, clientId, scoped ? List.of(Groups.REFERRAL_INTAKE) : List.of(), scoped, null);
    }
    String userId = personUserId(claims);
    if (userId == null) {
      return Caller.refused("The token names no one this application knows: no staff number in the directory and no usable user id");
    }
    return new Caller(Kind.PERSON, userId, mappedGroups(claims), false, null);
  }

  private String personUserId(Map<String, Object> claims) {
    String staffNumber = text(claims.get(properties.getStaffNumberClaim()));
    if (staffNumber != null) {
      Optional<String> known = directoryByStaffNumber.apply(staffNumber);
      if (known.isPresent()) {
        return known.get();
      }
    }
    String claimed = text(claims.get(properties.getUserIdClaim()));
    if (claimed == null || !USER_ID.matcher(claimed).matches()) {
      return null;
    }
    return directoryByUserId.apply(claimed).orElse(claimed);
  }

  List<String> mappedGroups(Map<String, Object> claims) {
    Set<String> groups = new LinkedHashSet<>();
    for (String providerGroup : list(claims.get(properties.getGroupsClaim()))) {
      String mapped = properties.getGroupMapping().get(providerGroup);
      if (mapped != null) {
        groups.add(mapped);
      }
    }
    return List.copyOf(groups);
  }

  private boolean hasPersonClaims(Map<String, Object> claims) {
    return text(claims.get(properties.getStaffNumberClaim())) != null || text(claims.get(properties.getUserIdClaim())) != null;
  }

  private String clientId(Map<String, Object> claims) {
    for (String claim : properties.getClientIdClaims()) {
      String value = text(claims.get(claim));
      if (value != null) {
        return value;
      }
    }
    return null;
  }

  /** OAuth2 scopes ({@code scope} or {@code scp}, space-separated or a list) and Entra app roles ({@code roles}). */
  static Set<String> scopes(Map<String, Object> claims) {
    Set<String> scopes = new LinkedHashSet<>();
    for (String claim : List.of("scope", "scp", "roles")) {
      Object value = claims.get(claim);
      if (value instanceof String s) {
        scopes.addAll(List.of(s.trim().split("\\s+")));
      } else {
        scopes.addAll(list(value));
      }
    }
    scopes.remove("");
    return scopes;
  }

  private static List<String> list(Object value) {
    List<String> values = new ArrayList<>();
    if (value instanceof Collection<?> c) {
      c.forEach(v -> { if (v != null) values.add(v.toString()); });
    } else if (value instanceof String s && !s.isBlank()) {
      values.add(s);
    }
    return values;
  }

  private static String text(Object value) {
    if (value == null) {
      return null;
    }
    String s = value.toString().trim();
    return s.isEmpty() ? null : s;
  }
}
