package uk.police.daoversight.intake;

import java.util.List;

/**
 * The JSON contract of {@code POST /api/referrals}, and the shape the Tasklist start form is read
 * into. Everything is optional here so that {@link ReferralValidator} can name every problem.
 */
public record ReferralRequest(String route, String externalReference, PartyRequest victim,
                              PartyRequest perpetrator, List<String> knownTo, String riskLevel,
                              Boolean counterAllegation, Boolean serialPerpetrator,
                              Boolean perpetratorInPositionOfPower) {

  public record PartyRequest(String name, String dateOfBirth, Boolean policeEmployee,
                             String staffNumber, String rank, String department, String contact) {}
}
