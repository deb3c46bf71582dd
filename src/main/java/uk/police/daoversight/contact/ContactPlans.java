package uk.police.daoversight.contact;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import uk.police.daoversight.vault.seal.CaseSeal;
import uk.police.daoversight.vault.seal.SealedColumns;
import uk.police.daoversight.vault.seal.VaultSeals;
import org.springframework.stereotype.Component;

/**
 * The contact plan agreed at first contact, per SOO: outcome, schedule and how the victim may
 * safely be reached. Expression bean {@code contactPlans} for the model's timers and reminders.
 */
@Component("contactPlans")
public class ContactPlans {

  public enum Outcome { ENGAGED, DECLINED, UNREACHABLE }

  public record Plan(String caseCode, String soo, Outcome outcome, String interval, String safeChannel,
                     String safeTimes, boolean voicemailSafe, boolean messageSafe, boolean workContactAgreed,
                     boolean managerCopyAgreed, String party) {

    /** A plan as a SOO records it: its party is the one that SOO oversees ({@code case_soo}). */
    public Plan(String caseCode, String soo, Outcome outcome, String interval, String safeChannel, String safeTimes,
                boolean voicemailSafe, boolean messageSafe, boolean workContactAgreed, boolean managerCopyAgreed) {
      this(caseCode, soo, outcome, interval, safeChannel, safeTimes, voicemailSafe, messageSafe, workContactAgreed,
          managerCopyAgreed, null);
    }
  }

  /** The parties of {@code case_soo} (AllocationDesk's). */
  static final String VICTIM = uk.police.daoversight.allocation.AllocationDesk.VICTIM;

  private final JdbcTemplate jdbc;
  private final Clock clock;
  private final VaultSeals seals;

  public ContactPlans(JdbcTemplate jdbc, Clock clock, VaultSeals seals) {
    this.jdbc = jdbc;
    this.clock = clock;
    this.seals = seals;
  }

  /** The safe-contact channel and times are sealed with the case's key (issue #17). */
  public void save(Plan p) {
    CaseSeal seal = seals.of(p.caseCode());
    // Each party's SOO records the plan for their own party (#19 item 6): the party they oversee now.
    String party = jdbc.queryForList("select party from case_soo where case_code = ? and user_id = ? and released_at is null"
        + " order by allocated_at desc", String.class, p.caseCode(), p.soo()).stream().findFirst().orElse(VICTIM);
    jdbc.update("delete from contact_plan where case_code = ? and soo_user_id = ?", p.caseCode(), p.soo());
    jdbc.update("""
        insert into contact_plan (case_code, soo_user_id, outcome, contact_interval, safe_channel, safe_times,
          voicemail_safe, message_safe, work_contact_agreed, manager_copy_agreed, first_contact_at, party)
        values (?,?,?,?,?,?,?,?,?,?,?,?)""",
        p.caseCode(), p.soo(), p.outcome().name(), p.interval(),
        seal.seal(SealedColumns.CONTACT_PLAN, "safe_channel", p.safeChannel()), seal.seal(SealedColumns.CONTACT_PLAN, "safe_times", p.safeTimes()),
        p.voicemailSafe(), p.messageSafe(), p.workContactAgreed(), p.managerCopyAgreed(), Timestamp.from(clock.instant()), party);
  }

  public List<Plan> plans(String caseCode) {
    CaseSeal seal = seals.of(caseCode);
    return jdbc.query("select * from contact_plan where case_code = ? order by first_contact_at, soo_user_id",
        (rs, i) -> new Plan(rs.getString("case_code"), rs.getString("soo_user_id"), Outcome.valueOf(rs.getString("outcome")),
            rs.getString("contact_interval"), seal.open(SealedColumns.CONTACT_PLAN, "safe_channel", rs.getString("safe_channel")),
            seal.open(SealedColumns.CONTACT_PLAN, "safe_times", rs.getString("safe_times")),
            rs.getBoolean("voicemail_safe"), rs.getBoolean("message_safe"), rs.getBoolean("work_contact_agreed"),
            rs.getBoolean("manager_copy_agreed"), rs.getString("party")), caseCode);
  }

  /** The plans recorded for one party (VICTIM or OTHER_PARTY) of the case. */
  public List<Plan> plansFor(String caseCode, String party) {
    return plans(caseCode).stream().filter(p -> party.equals(p.party())).toList();
  }

  /** True when a victim engaged and agreed a contact schedule. */
  public boolean hasSchedule(String caseCode) {
    return interval(caseCode) != null;
  }

  /** The agreed interval (ISO 8601 duration, e.g. P14D) of the first engaged plan, or null. */
  public String interval(String caseCode) {
    Optional<Plan> engaged = plans(caseCode).stream()
        .filter(p -> p.outcome() == Outcome.ENGAGED && p.interval() != null).findFirst();
    return engaged.map(Plan::interval).orElse(null);
  }

  /** The safe-contact preferences as the SOO reads them before every contact. No contact details. */
  public String summary(String caseCode) {
    List<Plan> plans = plans(caseCode);
    if (plans.isEmpty()) {
      return "No contact plan recorded yet.";
    }
    StringBuilder text = new StringBuilder();
    for (Plan p : plans) {
      text.append(p.soo()).append(": ")
          .append("reach by ").append(orUnknown(p.safeChannel()))
          .append(", at ").append(orUnknown(p.safeTimes()))
          .append(". Voicemail ").append(p.voicemailSafe() ? "safe" : "NOT safe")
          .append("; messages ").append(p.messageSafe() ? "safe" : "NOT safe")
          .append("; work contact ").append(p.workContactAgreed() ? "agreed" : "NOT agreed")
          .append("; copy to the victim's manager ").append(p.managerCopyAgreed() ? "agreed" : "NOT agreed")
          .append(". ");
    }
    return text.toString().trim();
  }

  private static String orUnknown(String value) {
    return value == null || value.isBlank() ? "(not recorded)" : value;
  }
}
