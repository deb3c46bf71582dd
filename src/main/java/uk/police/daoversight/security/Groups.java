package uk.police.daoversight.security;

import java.util.List;

/** The force's groups. Ids are a contract with the identity provider and the README. */
public final class Groups {

  private Groups() {}

  public static final String CASE_COORDINATORS = "case-coordinators";
  public static final String SENIOR_OVERSIGHT_OFFICERS = "senior-oversight-officers";
  public static final String PANEL_CHAIR = "panel-chair";
  public static final String PANEL_MEMBERS = "panel-members";
  public static final String PARTNER_AGENCIES = "partner-agencies";
  public static final String PSD = "psd";
  public static final String ANALYSTS = "analysts";
  public static final String MANAGERS = "managers";
  public static final String INFORMATION_GOVERNANCE = "information-governance";
  public static final String CAMUNDA_ADMIN = "camunda-admin";
  /** Force systems that send referrals with client credentials (single sign-on, issue #22): they may start a case, nothing else. */
  public static final String REFERRAL_INTAKE = "referral-intake";

  public static final List<String> ALL = List.of(CASE_COORDINATORS, SENIOR_OVERSIGHT_OFFICERS, PANEL_CHAIR,
      PANEL_MEMBERS, PARTNER_AGENCIES, PSD, ANALYSTS, MANAGERS, INFORMATION_GOVERNANCE, CAMUNDA_ADMIN, REFERRAL_INTAKE);
}
