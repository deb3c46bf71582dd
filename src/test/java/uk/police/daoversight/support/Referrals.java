package uk.police.daoversight.support;

import java.util.List;
import java.util.UUID;
import uk.police.daoversight.intake.ReferralRequest;
import uk.police.daoversight.intake.ReferralRequest.PartyRequest;

/** Test referrals with made-up people whose details are easy to search for. */
public final class Referrals {

  private Referrals() {}

  public static String uniqueReference() {
    return "TEST-" + UUID.randomUUID().toString().substring(0, 13).toUpperCase();
  }

  public static ReferralRequest policeVictim(String route) {
    String id = UUID.randomUUID().toString().substring(0, 8);
    return new ReferralRequest(route, uniqueReference(),
        new PartyRequest("Vicky Zanzibar-" + id, "1986-04-12", true, "VS" + id, "PC", "Response South", "07700 900" + id.substring(0, 3)),
        new PartyRequest("Percy Quetzal-" + id, "1980-09-30", true, "PS" + id, "Sergeant", "Roads Policing", null),
        List.of(), "MEDIUM", false, false, false);
  }

  public static ReferralRequest with(ReferralRequest r, boolean counterAllegation, List<String> knownTo) {
    return new ReferralRequest(r.route(), r.externalReference(), r.victim(), r.perpetrator(), knownTo, r.riskLevel(),
        counterAllegation, r.serialPerpetrator(), r.perpetratorInPositionOfPower());
  }

  public static ReferralRequest sameVictim(ReferralRequest earlier) {
    ReferralRequest fresh = policeVictim(earlier.route());
    return new ReferralRequest(fresh.route(), fresh.externalReference(), earlier.victim(), fresh.perpetrator(),
        List.of(), "HIGH", false, false, false);
  }
}
