package uk.police.daoversight.intake;

import java.util.Set;

/** A validated referral. Identity parts go to the vault; only the flags reach the engine. */
public record Referral(Route route, String externalReference, Party victim, Party perpetrator,
                       Set<String> knownTo, RiskLevel riskLevel, boolean counterAllegation,
                       boolean serialPerpetrator, boolean perpetratorInPositionOfPower) {

  public boolean bothPartiesPolice() {
    return victim.policeEmployee() && perpetrator.policeEmployee();
  }
}
