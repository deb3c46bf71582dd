package uk.police.daoversight.panel;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds the agenda of the monthly multi-agency scrutiny panel. Plain Java: the triage and slot
 * decisions come in through {@link Rules}.
 *
 * <p>Order: cases the last panel did not reach first, then the administrator's pinned cases (in the
 * given order), then the cases the administrator added (they keep their place: always on the agenda
 * unless deferred), then triage priority (1 first), then the longest wait, then case code. A case on
 * another open panel's agenda is carried over with that reason. The builder walks that order and places each case
 * whose slot still fits (a later, shorter case may fill a gap a longer one could not). Nothing is
 * dropped: every case not placed is carried over with its reason.
 */
public class AgendaBuilder {

  /**
   * The triage decision (DMN panelTriage) and slot decision (DMN panelSlotMinutes). Each answer
   * depends only on its inputs: one build asks once per distinct input.
   */
  public interface Rules {
    /** Priority 1 = highest, with a reason. */
    Triage triage(AgendaCandidate candidate);

    /** Slot length in minutes; complex for a case routed to a case conference that comes to the panel. */
    int slotMinutes(String reviewType, boolean complex);
  }

  /** A triage result: priority (1 = highest) and why. */
  public record Triage(int priority, String reason) {}

  /**
   * Asks the rules once per distinct input within one build: the decisions depend only on their
   * inputs, and 2,000 waiting cases share a few hundred (review type, risk, requested back, days
   * waiting) combinations and two slot inputs. Decision history gets one entry per distinct input.
   */
  static final class EachInputOnce implements Rules {
    private record TriageInput(boolean requestedBack, String riskLevel, String reviewType, int daysWaiting) {}

    private record SlotInput(String reviewType, boolean complex) {}

    private final Rules rules;
    private final Map<TriageInput, Triage> triages = new HashMap<>();
    private final Map<SlotInput, Integer> slots = new HashMap<>();

    EachInputOnce(Rules rules) {
      this.rules = rules;
    }

    @Override
    public Triage triage(AgendaCandidate c) {
      TriageInput input = new TriageInput(c.requestedBack(), c.riskLevel(), c.reviewType(), c.daysWaiting());
      Triage triage = triages.get(input);
      if (triage == null) {
        triage = rules.triage(c);
        triages.put(input, triage);
      }
      return triage;
    }

    @Override
    public int slotMinutes(String reviewType, boolean complex) {
      return slots.computeIfAbsent(new SlotInput(reviewType, complex), in -> rules.slotMinutes(in.reviewType(), in.complex()));
    }
  }

  private record Ranked(AgendaCandidate candidate, Triage triage, int tier, int pin) {}

  /** Why a case the last panel did not reach is first. */
  public static final String NOT_REACHED_REASON = "Not reached at the last panel";

  /**
   * Builds the agenda.
   *
   * @param candidates      the waiting cases; a repeated case code keeps its first occurrence only; null = none
   * @param capacityMinutes the meeting length; must be more than 0
   * @param rules           triage and slot rules
   * @param deferred        case code to the administrator's reason; these cases are carried over
   * @param pinnedOrder     case codes the administrator put first, in that order
   * @return the agenda; unknown case codes in deferred or pinnedOrder are ignored
   * @throws IllegalArgumentException when capacityMinutes is 0 or less
   * @throws IllegalStateException when the slot rules give 0 minutes or less
   */
  public Agenda build(List<AgendaCandidate> candidates, int capacityMinutes, Rules rules,
                      Map<String, String> deferred, List<String> pinnedOrder) {
    return build(candidates, capacityMinutes, rules, deferred, pinnedOrder, List.of(), Map.of());
  }

  /**
   * As {@link #build(List, int, Rules, Map, List)}, with the administrator's added cases (placed
   * ahead of triage, marked as added) and the cases held by other open panels (case code to the
   * reason; carried over, never placed).
   */
  public Agenda build(List<AgendaCandidate> candidates, int capacityMinutes, Rules rules,
                      Map<String, String> deferred, List<String> pinnedOrder, List<String> added,
                      Map<String, String> elsewhere) {
    java.util.Set<String> addedCodes = added == null ? java.util.Set.of() : new java.util.HashSet<>(added);
    Map<String, String> onOtherPanels = elsewhere == null ? Map.of() : elsewhere;
    if (capacityMinutes <= 0) {
      throw new IllegalArgumentException("capacityMinutes must be more than 0, was " + capacityMinutes);
    }
    Map<String, String> deferrals = deferred == null ? Map.of() : deferred;
    Map<String, Integer> pins = new LinkedHashMap<>();
    if (pinnedOrder != null) {
      for (String code : pinnedOrder) {
        pins.putIfAbsent(code, pins.size());
      }
    }

    Map<String, AgendaCandidate> distinct = new LinkedHashMap<>();
    if (candidates != null) {
      for (AgendaCandidate c : candidates) {
        if (c != null && c.caseCode() != null) {
          distinct.putIfAbsent(c.caseCode(), c);
        }
      }
    }

    Rules once = new EachInputOnce(rules);
    List<Ranked> ranked = new ArrayList<>();
    for (AgendaCandidate c : distinct.values()) {
      Triage triage = once.triage(c);
      if (c.notReached()) {
        triage = new Triage(triage.priority(), NOT_REACHED_REASON);
      } else if (c.sooRequested() && !c.requestedBack()) {
        triage = new Triage(triage.priority(), triage.reason() + "; the SOO asked to bring it back");
      }
      int tier = c.notReached() ? 0 : pins.containsKey(c.caseCode()) ? 1 : addedCodes.contains(c.caseCode()) ? 2 : 3;
      ranked.add(new Ranked(c, triage, tier, pins.getOrDefault(c.caseCode(), Integer.MAX_VALUE)));
    }
    ranked.sort(Comparator.comparingInt(Ranked::tier)
        .thenComparingInt(Ranked::pin)
        .thenComparingInt(r -> r.triage().priority())
        .thenComparing(r -> r.candidate().daysWaiting(), Comparator.reverseOrder())
        .thenComparing(r -> r.candidate().caseCode()));

    List<Agenda.Item> items = new ArrayList<>();
    List<Ranked> notPlaced = new ArrayList<>();
    int used = 0;
    for (Ranked r : ranked) {
      AgendaCandidate c = r.candidate();
      int slot = once.slotMinutes(c.reviewType(), c.complex());
      if (slot <= 0) {
        throw new IllegalStateException("The slot rules gave " + slot + " minutes for " + c.reviewType()
            + " (case " + c.caseCode() + "); a slot must be at least 1 minute");
      }
      boolean placeable = !deferrals.containsKey(c.caseCode()) && !onOtherPanels.containsKey(c.caseCode());
      if (placeable && used + slot <= capacityMinutes) {
        items.add(new Agenda.Item(c.caseCode(), c.reviewType(), slot, used, c.soos(),
            r.triage().priority(), r.triage().reason(), addedCodes.contains(c.caseCode()), c.complex()));
        used += slot;
      } else {
        notPlaced.add(r);
      }
    }

    List<Agenda.CarriedOver> carried = new ArrayList<>();
    for (Ranked r : notPlaced) {
      String code = r.candidate().caseCode();
      String reason = onOtherPanels.containsKey(code)
          ? onOtherPanels.get(code)
          : deferrals.containsKey(code)
          ? Agenda.DEFERRED_PREFIX + deferrals.get(code)
          : "Panel full: " + used + " of " + capacityMinutes + " minutes used; carried to the next panel";
      carried.add(new Agenda.CarriedOver(code, r.candidate().reviewType(), r.triage().priority(), reason));
    }
    return new Agenda(items, carried, capacityMinutes);
  }
}
