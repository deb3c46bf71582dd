package uk.police.daoversight.reporting;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;

/**
 * The force's outputs and outcomes (its logic models), computed from what the processes recorded.
 * Each figure is defined once, here, with the words the README repeats. Every figure is also given
 * for the same period a year earlier, with the change.
 */
@Service
public class ForceFigures {

  /** One figure for one period: the number, and how many things it was computed over. */
  public record Measure(double value, long base, boolean isCount) {
    static Measure count(long n) {
      return new Measure(n, n, true);
    }
  }

  public record Definition(String key, String label, String definition) {}

  public static final List<Definition> DEFINITIONS = List.of(
      new Definition("casesReferred", "Cases referred", "Cases recorded (vault) with a referral date in the period"),
      new Definition("perpetratorsAboveConstable", "Perpetrators above constable or staff equivalent",
          "Cases referred in the period whose perpetrator is a police employee with a rank other than constable, PCSO, special constable or police staff"),
      new Definition("panelsHeld", "Scrutiny panels held", "Panels closed with a meeting date in the period"),
      new Definition("casesSeenPerPanel", "Cases seen per panel", "Panel outcomes recorded at those panels, divided by the panels held"),
      new Definition("partnerAgenciesAttending", "Partner agencies attending per panel", "Partner agencies recorded as attending, averaged over the panels held"),
      new Definition("soosInvolved", "SOOs involved", "Different SOOs allocated to a case in the period"),
      new Definition("casesPerSooPerYear", "Cases per SOO per year", "Allocations in the period divided by the SOOs involved, scaled to a year"),
      new Definition("contactWithin72HoursPercent", "Victims contacted within 72 hours (%)",
          "Of the allocations in the period whose 72 hours have run out or that made first contact (as at the period's end, or now if"
              + " sooner), the share whose first contact was within 72 hours of allocation; a deadline still running is neither met nor missed"),
      new Definition("hoursToFirstContact", "Hours from allocation to first contact",
          "Average hours from allocation to the SOO's first contact, of the allocations in the period contacted by its end (or now)"),
      new Definition("supportReferralsOnTimePercent", "Support referrals on time (%)",
          "Of the cases reported in the period whose Victims' Code clock (2 working days) has run out or that were confirmed, the share"
              + " referred to support services, or that declined the offer, by the end of the last working day; a clock still running counts neither way"),
      new Definition("contactHoursLate", "Hours late, when late", "Average hours past the 72-hour deadline of the first contacts that were late"),
      new Definition("contactsPerCase", "SOO-victim contacts per case",
          "Updates and scheduled contacts in the period that record contact with the victim, divided by the cases with any update in the period"),
      new Definition("victimsEngaging", "Victims engaging with their SOO", "First contacts in the period where the victim engaged and agreed a schedule"),
      new Definition("victimsSupportingInvestigation", "Victims supporting an investigation",
          "Cases with an update in the period recording that the victim supports an investigation"),
      new Definition("actionsSet", "Panel actions set", "Actions agreed at a panel or case conference in the period"),
      new Definition("actionsCompleted", "Panel actions completed", "Actions marked done in the period"),
      new Definition("actionsOverdue", "Panel actions overdue",
          "Actions still open at the end of the period (or now, if sooner) whose due day had ended by then"),
      new Definition("themesArising", "Themes arising", "Themes recorded on outcomes in the period (each theme on each outcome once)"),
      new Definition("daysReferralToClosure", "Days from referral to closure", "Average days from referral to closure of the cases closed in the period"));

  /** The first-contact deadline the figures measure against (the practice's 72 hours). */
  static final Duration CONTACT_DEADLINE = Duration.ofHours(72);

  static final java.time.ZoneId FORCE_ZONE = java.time.ZoneId.of("Europe/London");

  static final Set<String> CONSTABLE_OR_STAFF = Set.of("constable", "pc", "police constable", "detective constable", "dc",
      "pcso", "special constable", "staff", "police staff");

  /** Whether a police employee of this rank counts as above constable in the figures. */
  public static boolean aboveConstable(String rank) {
    return !CONSTABLE_OR_STAFF.contains(rank.trim().toLowerCase());
  }

  private final JdbcTemplate jdbc;

  public ForceFigures(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  /** Every figure for [from, to). */
  public Map<String, Measure> compute(Instant from, Instant to) {
    return compute(from, to, ClockUtil.getCurrentTime().toInstant());
  }

  /**
   * Every figure for [from, to) as known at {@code now}: a period still running is counted up to
   * now, so a deadline that has not yet passed is neither met nor missed.
   */
  public Map<String, Measure> compute(Instant from, Instant to, Instant now) {
    Instant asAt = now.isBefore(to) ? now : to;
    Timestamp f = Timestamp.from(from);
    Timestamp t = Timestamp.from(to);
    Map<String, Measure> m = new LinkedHashMap<>();
    m.put("casesReferred", Measure.count(count("select count(*) from case_identity where created_at >= ? and created_at < ?", f, t)));
    // The rank itself is sealed in the vault (issue #17); the vault keeps this one fact readable.
    long above = count("select count(*) from case_identity where created_at >= ? and created_at < ? "
        + "and perpetrator_above_constable = true", f, t);
    m.put("perpetratorsAboveConstable", Measure.count(above));
    long panels = count("select count(*) from panel_meeting where status = 'CLOSED' and held_on >= ? and held_on < ?", f, t);
    m.put("panelsHeld", Measure.count(panels));
    long seen = count("select count(*) from panel_outcome o join panel_meeting p on p.id = o.meeting_id "
        + "where p.status = 'CLOSED' and p.held_on >= ? and p.held_on < ?", f, t);
    m.put("casesSeenPerPanel", new Measure(ratio(seen, panels), panels, false));
    long agencies = count("select coalesce(sum(partner_agencies_attending), 0) from panel_meeting where status = 'CLOSED' and held_on >= ? and held_on < ?", f, t);
    m.put("partnerAgenciesAttending", new Measure(ratio(agencies, panels), panels, false));
    long soos = count("select count(distinct user_id) from case_soo where allocated_at >= ? and allocated_at < ?", f, t);
    long allocations = count("select count(*) from case_soo where allocated_at >= ? and allocated_at < ?", f, t);
    m.put("soosInvolved", Measure.count(soos));
    double years = Duration.between(from, to).toDays() / 365.0;
    m.put("casesPerSooPerYear", new Measure(round(soos == 0 ? 0 : allocations / (double) soos / Math.max(years, 1 / 365.0)), soos, false));
    contact(m, f, t, asAt);
    supportReferrals(m, f, t, asAt);
    long contacted = count("select count(*) from case_update where recorded_at >= ? and recorded_at < ? and victim_contacted = true", f, t);
    long updatedCases = count("select count(distinct case_code) from case_update where recorded_at >= ? and recorded_at < ?", f, t);
    m.put("contactsPerCase", new Measure(ratio(contacted, updatedCases), updatedCases, false));
    m.put("victimsEngaging", Measure.count(count("select count(*) from contact_plan where outcome = 'ENGAGED' and first_contact_at >= ? and first_contact_at < ?", f, t)));
    m.put("victimsSupportingInvestigation", Measure.count(count(
        "select count(distinct case_code) from case_update where recorded_at >= ? and recorded_at < ? and victim_supports_investigation = 'YES'", f, t)));
    m.put("actionsSet", Measure.count(count("select count(*) from panel_action where created_at >= ? and created_at < ?", f, t)));
    m.put("actionsCompleted", Measure.count(count("select count(*) from panel_action where completed_at >= ? and completed_at < ?", f, t)));
    // An action is due by the end of its due day (force time): overdue once that day has ended.
    LocalDate asAtDay = asAt.atZone(FORCE_ZONE).toLocalDate();
    Timestamp at = Timestamp.from(asAt);
    m.put("actionsOverdue", Measure.count(count("select count(*) from panel_action where created_at < ? and due_date < ? "
        + "and (completed_at is null or completed_at >= ?)", at, java.sql.Date.valueOf(asAtDay), at)));
    m.put("themesArising", Measure.count(count("select count(*) from outcome_theme x join panel_outcome o on o.id = x.outcome_id "
        + "where o.recorded_at >= ? and o.recorded_at < ?", f, t)));
    List<Map<String, Object>> closed = jdbc.queryForList(
        "select created_at, closed_at from case_identity where closed_at >= ? and closed_at < ?", f, t);
    double days = closed.stream().mapToDouble(r -> Duration.between(((Timestamp) r.get("CREATED_AT")).toInstant(),
        ((Timestamp) r.get("CLOSED_AT")).toInstant()).toHours() / 24.0).average().orElse(0);
    m.put("daysReferralToClosure", new Measure(round(days), closed.size(), false));
    return m;
  }

  /** Cases referred by route and by month, for the period. */
  public Map<String, Map<String, Long>> breakdowns(Instant from, Instant to) {
    Map<String, Long> byRoute = new TreeMap<>();
    Map<String, Long> byMonth = new TreeMap<>();
    jdbc.queryForList("select route, created_at from case_identity where created_at >= ? and created_at < ?",
        Timestamp.from(from), Timestamp.from(to)).forEach(r -> {
          byRoute.merge((String) r.get("ROUTE"), 1L, Long::sum);
          LocalDate day = ((Timestamp) r.get("CREATED_AT")).toInstant().atZone(ZoneOffset.UTC).toLocalDate();
          byMonth.merge(String.format("%d-%02d", day.getYear(), day.getMonthValue()), 1L, Long::sum);
        });
    Map<String, Map<String, Long>> out = new LinkedHashMap<>();
    out.put("casesReferredByRoute", byRoute);
    out.put("casesReferredByMonth", byMonth);
    return out;
  }

  private void contact(Map<String, Measure> m, Timestamp f, Timestamp t, Instant asAt) {
    List<Map<String, Object>> rows = jdbc.queryForList("""
        select s.allocated_at, p.first_contact_at from case_soo s
          left join contact_plan p on p.case_code = s.case_code and p.soo_user_id = s.user_id
        where s.allocated_at >= ? and s.allocated_at < ?""", f, t);
    long due = 0;
    long inTime = 0;
    List<Double> late = new ArrayList<>();
    List<Double> toContact = new ArrayList<>();
    for (Map<String, Object> row : rows) {
      Instant allocated = ((Timestamp) row.get("ALLOCATED_AT")).toInstant();
      if (allocated.isAfter(asAt)) {
        continue;
      }
      Instant deadline = allocated.plus(CONTACT_DEADLINE);
      Timestamp made = (Timestamp) row.get("FIRST_CONTACT_AT");
      Instant first = made == null || made.toInstant().isAfter(asAt) ? null : made.toInstant();
      if (first != null) {
        toContact.add(Duration.between(allocated, first).toMinutes() / 60.0);
      }
      if (first == null && deadline.isAfter(asAt)) {
        continue; // still running: neither met nor missed
      }
      due++;
      if (first != null && !first.isAfter(deadline)) {
        inTime++;
      } else if (first != null) {
        late.add(Duration.between(deadline, first).toMinutes() / 60.0);
      }
    }
    m.put("contactWithin72HoursPercent", new Measure(due == 0 ? 0 : round(100.0 * inTime / due), due, false));
    m.put("hoursToFirstContact", new Measure(round(toContact.stream().mapToDouble(Double::doubleValue).average().orElse(0)),
        toContact.size(), false));
    m.put("contactHoursLate", new Measure(round(late.stream().mapToDouble(Double::doubleValue).average().orElse(0)), late.size(), false));
  }

  private void supportReferrals(Map<String, Measure> m, Timestamp f, Timestamp t, Instant asAt) {
    long due = 0;
    long inTime = 0;
    for (Map<String, Object> row : jdbc.queryForList("select due_at, decided_on, recorded_at from support_referral"
        + " where reported_at >= ? and reported_at < ?", f, t)) {
      Instant dueAt = ((Timestamp) row.get("DUE_AT")).toInstant();
      Timestamp recorded = (Timestamp) row.get("RECORDED_AT");
      boolean known = recorded != null && !recorded.toInstant().isAfter(asAt);
      if (!known && dueAt.isAfter(asAt)) {
        continue; // still running: neither met nor missed
      }
      due++;
      if (known) {
        Instant decided = ((java.sql.Date) row.get("DECIDED_ON")).toLocalDate().atStartOfDay(FORCE_ZONE).toInstant();
        if (decided.isBefore(dueAt)) {
          inTime++;
        }
      }
    }
    m.put("supportReferralsOnTimePercent", new Measure(due == 0 ? 0 : round(100.0 * inTime / due), due, false));
  }

  /** The figures that show a trend, month by month over [from, to), each month as known now. */
  public List<Month> trend(Instant from, Instant to) {
    List<Month> months = new ArrayList<>();
    Instant now = ClockUtil.getCurrentTime().toInstant();
    for (YearMonth month = YearMonth.from(from.atZone(ZoneOffset.UTC)); month.atDay(1).atStartOfDay(ZoneOffset.UTC).toInstant().isBefore(to);
        month = month.plusMonths(1)) {
      Instant start = month.atDay(1).atStartOfDay(ZoneOffset.UTC).toInstant();
      Instant end = month.plusMonths(1).atDay(1).atStartOfDay(ZoneOffset.UTC).toInstant();
      if (start.isAfter(now)) {
        break;
      }
      Map<String, Measure> all = compute(start.isBefore(from) ? from : start, end.isAfter(to) ? to : end, now);
      Map<String, Measure> shown = new LinkedHashMap<>();
      TREND.forEach(key -> shown.put(key, all.get(key)));
      months.add(new Month(month.toString(), shown));
    }
    return months;
  }

  /** One month of the trend. */
  public record Month(String month, Map<String, Measure> figures) {}

  /** The figures the dashboard draws month by month. */
  public static final List<String> TREND = List.of("casesReferred", "contactWithin72HoursPercent", "hoursToFirstContact",
      "supportReferralsOnTimePercent", "actionsOverdue");

  private long count(String sql, Object... args) {
    Number n = jdbc.queryForObject(sql, Number.class, args);
    return n == null ? 0 : n.longValue();
  }

  private static double ratio(long a, long b) {
    return b == 0 ? 0 : round(a / (double) b);
  }

  static double round(double v) {
    return Math.round(v * 10) / 10.0;
  }
}
