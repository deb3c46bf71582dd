package uk.police.daoversight.allocation;

import java.util.Set;

/**
 * Facts about the parties that matter for conflicts, taken from the identity vault (never from
 * process variables). Any field may be null. knownTo: user ids who declared they know a party.
 */
public record CaseParties(String victimStaffNumber, String perpetratorStaffNumber,
                          String perpetratorDepartment, Set<String> knownTo) {}
