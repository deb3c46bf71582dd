package uk.police.daoversight.security.sso;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code oversight.sso.*} (profile {@code sso}): which claims of the provider's tokens name the person
 * and their groups, how the provider's groups become this application's groups, and which force
 * systems may send referrals with client credentials. README "Single sign-on".
 */
@ConfigurationProperties("oversight.sso")
public class SsoProperties {

  /** The claim holding the person's user id when the directory does not name them (Entra: a custom claim or {@code preferred_username}). */
  private String userIdClaim = "preferred_username";
  /** The claim holding the person's staff number (Entra: {@code employeeid} as an optional claim); matched against the staff directory first. */
  private String staffNumberClaim = "employeeid";
  /** The claim listing the person's groups (Entra: {@code groups}, object ids, or {@code roles} for app roles). */
  private String groupsClaim = "groups";
  /** Provider group id (Entra: group object id) to this application's group id. Unmapped groups give nothing. */
  private Map<String, String> groupMapping = new LinkedHashMap<>();
  /** The claims that name the client a token was issued to, first present wins (Entra v2: azp, v1: appid). */
  private List<String> clientIdClaims = List.of("azp", "client_id", "appid");
  /** Client ids of the force systems that send referrals (client credentials). */
  private List<String> referralClients = List.of();
  /** The scope (or Entra app role) a force system's token must carry to send referrals. */
  private String referralScope = "referrals.submit";

  public String getUserIdClaim() { return userIdClaim; }
  public void setUserIdClaim(String userIdClaim) { this.userIdClaim = userIdClaim; }
  public String getStaffNumberClaim() { return staffNumberClaim; }
  public void setStaffNumberClaim(String staffNumberClaim) { this.staffNumberClaim = staffNumberClaim; }
  public String getGroupsClaim() { return groupsClaim; }
  public void setGroupsClaim(String groupsClaim) { this.groupsClaim = groupsClaim; }
  public Map<String, String> getGroupMapping() { return groupMapping; }
  public void setGroupMapping(Map<String, String> groupMapping) { this.groupMapping = groupMapping; }
  public List<String> getClientIdClaims() { return clientIdClaims; }
  public void setClientIdClaims(List<String> clientIdClaims) { this.clientIdClaims = clientIdClaims; }
  public List<String> getReferralClients() { return referralClients; }
  public void setReferralClients(List<String> referralClients) { this.referralClients = referralClients; }
  public String getReferralScope() { return referralScope; }
  public void setReferralScope(String referralScope) { this.referralScope = referralScope; }
}
