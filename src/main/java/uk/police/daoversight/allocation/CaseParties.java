package uk.police.daoversight.allocation;

import java.util.Set;

/**
 * Facts about the parties that matter for conflicts of interest. Taken from the identity vault and
 * the staff directory, never from process variables. Any field may be null.
 *
 * @param knownTo                 user ids who declared that they know a party
 * @param perpetratorLineOfCommand user ids above the perpetrator (line manager, theirs, ...)
 * @param victimDepartment        the victim's department: in a counter-allegation the other party
 *                                alleges against the victim, so their SOO is checked against it
 * @param victimLineOfCommand     user ids above the victim, for the same check
 */
public record CaseParties(String victimStaffNumber, String perpetratorStaffNumber,
                          String perpetratorDepartment, Set<String> knownTo, Set<String> perpetratorLineOfCommand,
                          String victimDepartment, Set<String> victimLineOfCommand) {

  public CaseParties(String victimStaffNumber, String perpetratorStaffNumber, String perpetratorDepartment,
                     Set<String> knownTo) {
    this(victimStaffNumber, perpetratorStaffNumber, perpetratorDepartment, knownTo, null, null, null);
  }

  public CaseParties(String victimStaffNumber, String perpetratorStaffNumber, String perpetratorDepartment,
                     Set<String> knownTo, Set<String> perpetratorLineOfCommand) {
    this(victimStaffNumber, perpetratorStaffNumber, perpetratorDepartment, knownTo, perpetratorLineOfCommand, null, null);
  }

  public CaseParties withLineOfCommand(Set<String> lineOfCommand) {
    return new CaseParties(victimStaffNumber, perpetratorStaffNumber, perpetratorDepartment, knownTo, lineOfCommand,
        victimDepartment, victimLineOfCommand);
  }

  /** The victim's side, for the other party's SOO in a counter-allegation (#19 item 6). */
  public CaseParties withVictim(String department, Set<String> lineOfCommand) {
    return new CaseParties(victimStaffNumber, perpetratorStaffNumber, perpetratorDepartment, knownTo,
        perpetratorLineOfCommand, department, lineOfCommand);
  }
}
