package uk.police.daoversight.benchmark;

import java.time.LocalDate;
import java.util.List;
import uk.police.daoversight.intake.ReferralRequest;
import uk.police.daoversight.intake.ReferralRequest.PartyRequest;
import uk.police.daoversight.intake.Route;

/**
 * Made-up referrals for the benchmarks: a police victim and a civilian other party, so every case
 * takes the panel route (not a case conference), as most cases do. Every person is distinct, so
 * no case links to an earlier one. The people exist only in the identity vault, as real referrals'
 * do; the benchmarks never print or log them.
 */
final class BenchmarkReferrals {

  private static final Route[] ROUTES = Route.values();
  private static final String[] RISKS = {"STANDARD", "MEDIUM", "HIGH"};

  private final String run;

  /** {@code run} keeps the force references of separate runs on one database apart. */
  BenchmarkReferrals(String run) {
    this.run = run;
  }

  ReferralRequest panelCase(int i) {
    String n = run + "-" + i;
    PartyRequest victim = new PartyRequest("Bench Victim " + n, LocalDate.of(1960, 1, 1).plusDays(i % 12_000).toString(),
        true, "BV" + n, "PC", "Bench Response " + (i % 7), null);
    PartyRequest other = new PartyRequest("Bench Other Party " + n, null, false, null, null, null, null);
    return new ReferralRequest(ROUTES[i % ROUTES.length].name(), "BENCH-" + n, victim, other, List.of(),
        RISKS[i % RISKS.length], false, false, false);
  }
}
