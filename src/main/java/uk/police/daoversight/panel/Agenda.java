package uk.police.daoversight.panel;

import java.util.List;

/**
 * The agenda of one panel meeting.
 *
 * @param items           the cases placed, in agenda order
 * @param carriedOver     every candidate not placed, with the reason, in the same order
 * @param capacityMinutes the meeting's length in minutes
 */
public record Agenda(List<Item> items, List<CarriedOver> carriedOver, int capacityMinutes) {

  public Agenda {
    items = items == null ? List.of() : List.copyOf(items);
    carriedOver = carriedOver == null ? List.of() : List.copyOf(carriedOver);
  }

  /**
   * One case on the agenda.
   *
   * @param startMinute    minutes from the start of the meeting
   * @param priority       the triage priority (1 = highest)
   * @param priorityReason why the case has that priority
   * @param complex        a complex case, given the slot rules' complex slot
   */
  public record Item(String caseCode, String reviewType, int slotMinutes, int startMinute, List<String> soos,
                     int priority, String priorityReason, boolean addedByAdmin, boolean complex) {

    public Item {
      soos = soos == null ? List.of() : List.copyOf(soos);
    }

    public Item(String caseCode, String reviewType, int slotMinutes, int startMinute, List<String> soos,
                int priority, String priorityReason, boolean addedByAdmin) {
      this(caseCode, reviewType, slotMinutes, startMinute, soos, priority, priorityReason, addedByAdmin, false);
    }

    /** NEW, UPDATE, or either marked complex ("UPDATE, complex"), as the agenda shows it. */
    public String typeShown() {
      return complex ? reviewType + ", complex" : reviewType;
    }

    public Item(String caseCode, String reviewType, int slotMinutes, int startMinute, List<String> soos,
                int priority, String priorityReason) {
      this(caseCode, reviewType, slotMinutes, startMinute, soos, priority, priorityReason, false);
    }
  }

  /** How the reason of a case the administrator deferred begins. */
  public static final String DEFERRED_PREFIX = "Deferred by the administrator: ";

  /** A case that did not get on this agenda and goes to the next panel, with the reason. */
  public record CarriedOver(String caseCode, String reviewType, int priority, String reason) {}

  /** The minutes taken by the placed items. */
  public int usedMinutes() {
    return items.stream().mapToInt(Item::slotMinutes).sum();
  }
}
