package uk.police.daoversight.vault.seal;

import java.util.List;

/**
 * Every column the application seals, table by table: what {@link PlainRowSealer} looks at, and the
 * names the associated data binds each ciphertext to. A new identity-bearing column goes here too.
 */
public final class SealedColumns {

  public record Table(String name, List<String> key, String where, List<String> columns) {}

  public static final String CASE_IDENTITY = "case_identity";
  public static final String IDENTITY_HISTORY = "identity_history";
  public static final String CONTACT_PLAN = "contact_plan";
  public static final String BREAK_GLASS = "break_glass";
  public static final String ACCESS_ALERT = "access_alert";
  public static final String ANONYMITY_REFUSAL = "anonymity_refusal";

  public static final List<String> CASE_IDENTITY_COLUMNS = List.of("external_reference",
      "victim_name", "victim_date_of_birth", "victim_staff_number", "victim_rank", "victim_department", "victim_contact",
      "perpetrator_name", "perpetrator_date_of_birth", "perpetrator_staff_number", "perpetrator_rank", "perpetrator_department",
      "known_to");

  /**
   * The tables and columns as V31 ({@link SealVaultMigration}) seals them: its contract with the
   * database of that version, so never add a column here that a later migration creates (V31 would
   * select a column that does not exist yet). A later column goes into {@link #SEALED_AFTER_V31}.
   */
  public static final List<Table> TABLES = List.of(
      new Table(CASE_IDENTITY, List.of("case_code"), null, CASE_IDENTITY_COLUMNS),
      new Table(IDENTITY_HISTORY, List.of("id"), null, List.of("old_value", "reason")),
      new Table(CONTACT_PLAN, List.of("case_code", "soo_user_id"), null, List.of("safe_channel", "safe_times")),
      new Table(BREAK_GLASS, List.of("id"), null, List.of("reason")),
      // An alert about one case may quote what was typed (a break-glass reason); alerts about no case name none.
      new Table(ACCESS_ALERT, List.of("id"), "case_code is not null", List.of("summary")));

  /** case_identity's columns added after V31 (V73: the other party's contact in a counter-allegation). */
  public static final List<String> CASE_IDENTITY_LATER_COLUMNS = List.of("perpetrator_contact");

  /**
   * Sealed columns created after V31: written sealed from the first write (the database refuses a
   * plain value, V73's check), so V31 never sees them; key rotation re-seals them with the rest.
   */
  public static final List<Table> SEALED_AFTER_V31 = List.of(
      new Table(CASE_IDENTITY, List.of("case_code"), null, CASE_IDENTITY_LATER_COLUMNS));

  /** Every sealed case_identity column of the current schema. */
  public static boolean isCaseIdentityColumn(String column) {
    return CASE_IDENTITY_COLUMNS.contains(column) || CASE_IDENTITY_LATER_COLUMNS.contains(column);
  }

  private SealedColumns() {}
}
