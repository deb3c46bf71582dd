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

  /** The run and the case number as lower-case letters (no digits, no real word). */
  private static String letters(String run, int i) {
    StringBuilder out = new StringBuilder(run.toLowerCase(java.util.Locale.ROOT)).append('q');
    int n = i;
    do {
      out.append((char) ('a' + n % 26));
      n /= 26;
    } while (n > 0);
    return out.toString();
  }

  ReferralRequest panelCase(int i) {
    String n = run + "-" + i;
    // Names of made-up words only: the anonymised-text check refuses a form whose text contains a part of a
    // name in the case, and the walk's texts speak of "the victim".
    PartyRequest victim = new PartyRequest("Quilla Vb" + letters(run, i), LocalDate.of(1960, 1, 1).plusDays(i % 12_000).toString(),
        true, "BV" + n, "PC", "Bench Response " + (i % 7), null);
    PartyRequest other = new PartyRequest("Orrin Ob" + letters(run, i), null, false, null, null, null, null);
    return new ReferralRequest(ROUTES[i % ROUTES.length].name(), "BENCH-" + n, victim, other, List.of(),
        RISKS[i % RISKS.length], false, false, false);
  }
}
