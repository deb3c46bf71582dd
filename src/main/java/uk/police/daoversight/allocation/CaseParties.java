package uk.police.daoversight.allocation;

import java.util.Set;

/**
 * Facts about the parties that matter for conflicts of interest. Taken from the identity vault and
 * the staff directory, never from process variables. Any field may be null.
 *
 * @param knownTo                 user ids who declared that they know a party
 * @param perpetratorLineOfCommand user ids above the perpetrator (line manager, theirs, ...)
 */
public record CaseParties(String victimStaffNumber, String perpetratorStaffNumber,
                          String perpetratorDepartment, Set<String> knownTo, Set<String> perpetratorLineOfCommand) {

  public CaseParties(String victimStaffNumber, String perpetratorStaffNumber, String perpetratorDepartment,
                     Set<String> knownTo) {
    this(victimStaffNumber, perpetratorStaffNumber, perpetratorDepartment, knownTo, null);
  }

  public CaseParties withLineOfCommand(Set<String> lineOfCommand) {
    return new CaseParties(victimStaffNumber, perpetratorStaffNumber, perpetratorDepartment, knownTo, lineOfCommand);
  }
}
