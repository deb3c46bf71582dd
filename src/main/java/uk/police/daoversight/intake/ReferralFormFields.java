package uk.police.daoversight.intake;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.camunda.bpm.engine.delegate.VariableScope;
import org.camunda.bpm.engine.variable.VariableMap;
import org.camunda.bpm.engine.variable.Variables;

/**
 * The referral as flat fields: the keys of the start form {@code forms/recordReferral.form}, and
 * the transient variables the REST intake starts the process with. {@link #IDENTITY} fields are
 * sealed into the vault by {@link SealReferralListener} in the start transaction and never persist
 * in the engine; the history filter drops them too.
 */
public final class ReferralFormFields {

  private ReferralFormFields() {}

  public static final String ROUTE = "route";
  public static final String RISK_LEVEL = "riskLevel";
  public static final String COUNTER_ALLEGATION = "counterAllegation";
  public static final String SERIAL_PERPETRATOR = "serialPerpetrator";
  public static final String PERPETRATOR_IN_POSITION_OF_POWER = "perpetratorInPositionOfPower";

  public static final String EXTERNAL_REFERENCE = "externalReference";
  public static final String KNOWN_TO = "knownTo";
  private static final List<String> PARTY_FIELDS =
      List.of("Name", "DateOfBirth", "PoliceEmployee", "StaffNumber", "Rank", "Department", "Contact");

  /** Every field that identifies a person or the force's case: never stored by the engine. */
  public static final Set<String> IDENTITY;

  static {
    var names = new java.util.LinkedHashSet<String>();
    names.add(EXTERNAL_REFERENCE);
    names.add(KNOWN_TO);
    for (String party : List.of("victim", "perpetrator")) {
      for (String field : PARTY_FIELDS) {
        names.add(party + field);
      }
    }
    IDENTITY = Set.copyOf(names);
  }

  /** Reads the form's flat fields (from Tasklist or from {@link #toTransientVariables}). */
  public static ReferralRequest read(VariableScope scope) {
    return new ReferralRequest(
        string(scope, ROUTE), string(scope, EXTERNAL_REFERENCE),
        party(scope, "victim"), party(scope, "perpetrator"),
        ReferralValidator.splitUserIds(string(scope, KNOWN_TO)), string(scope, RISK_LEVEL),
        bool(scope, COUNTER_ALLEGATION), bool(scope, SERIAL_PERPETRATOR),
        bool(scope, PERPETRATOR_IN_POSITION_OF_POWER));
  }

  /**
   * The REST request as start variables; the identity fields are transient, so they never reach a
   * database table.
   */
  public static VariableMap toTransientVariables(ReferralRequest r) {
    Map<String, Object> flat = new LinkedHashMap<>();
    flat.put(ROUTE, r.route());
    flat.put(EXTERNAL_REFERENCE, r.externalReference());
    flat.put(RISK_LEVEL, r.riskLevel());
    flat.put(COUNTER_ALLEGATION, r.counterAllegation());
    flat.put(SERIAL_PERPETRATOR, r.serialPerpetrator());
    flat.put(PERPETRATOR_IN_POSITION_OF_POWER, r.perpetratorInPositionOfPower());
    flat.put(KNOWN_TO, r.knownTo() == null ? null : String.join(",", r.knownTo()));
    putParty(flat, "victim", r.victim());
    putParty(flat, "perpetrator", r.perpetrator());
    VariableMap variables = Variables.createVariables();
    flat.forEach((name, value) -> {
      boolean isTransient = IDENTITY.contains(name);
      if (value instanceof Boolean b) {
        variables.putValueTyped(name, Variables.booleanValue(b, isTransient));
      } else {
        variables.putValueTyped(name, Variables.stringValue((String) value, isTransient));
      }
    });
    return variables;
  }

  /**
   * Removes every referral field from the start scope once read: the identities for good, the
   * others to be set again, typed and persistent, by the caller.
   */
  public static void removeAll(VariableScope scope) {
    for (String name : IDENTITY) {
      scope.removeVariable(name);
    }
    for (String name : List.of(ROUTE, RISK_LEVEL, COUNTER_ALLEGATION, SERIAL_PERPETRATOR, PERPETRATOR_IN_POSITION_OF_POWER)) {
      scope.removeVariable(name);
    }
  }

  private static void putParty(Map<String, Object> flat, String prefix, ReferralRequest.PartyRequest p) {
    if (p == null) {
      return;
    }
    flat.put(prefix + "Name", p.name());
    flat.put(prefix + "DateOfBirth", p.dateOfBirth());
    flat.put(prefix + "PoliceEmployee", p.policeEmployee());
    flat.put(prefix + "StaffNumber", p.staffNumber());
    flat.put(prefix + "Rank", p.rank());
    flat.put(prefix + "Department", p.department());
    // The validator keeps the perpetrator's contact only in a counter-allegation (#19 item 6).
    flat.put(prefix + "Contact", p.contact());
  }

  private static ReferralRequest.PartyRequest party(VariableScope scope, String prefix) {
    String name = string(scope, prefix + "Name");
    Boolean police = bool(scope, prefix + "PoliceEmployee");
    String staffNumber = string(scope, prefix + "StaffNumber");
    if (name == null && police == null && staffNumber == null) {
      return null;
    }
    return new ReferralRequest.PartyRequest(name, string(scope, prefix + "DateOfBirth"), police,
        staffNumber, string(scope, prefix + "Rank"), string(scope, prefix + "Department"),
        string(scope, prefix + "Contact"));
  }

  private static String string(VariableScope scope, String name) {
    Object value = scope.getVariable(name);
    return value == null ? null : value.toString();
  }

  private static Boolean bool(VariableScope scope, String name) {
    Object value = scope.getVariable(name);
    if (value == null) {
      return null;
    }
    return value instanceof Boolean b ? b : Boolean.valueOf(value.toString());
  }
}
