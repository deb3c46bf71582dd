package uk.police.daoversight.allocation;

import java.util.Set;

/**
 * Facts about the parties that matter for conflicts of interest. Taken from the identity vault,
 * never from process variables. Any field may be null.
 *
 * @param knownTo user ids who declared that they know a party
 */
public record CaseParties(String victimStaffNumber, String perpetratorStaffNumber,
                          String perpetratorDepartment, Set<String> knownTo) {}
