package uk.police.daoversight.notification;

import java.net.URI;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.component.VEvent;
import net.fortuna.ical4j.model.property.Attendee;
import net.fortuna.ical4j.model.property.Description;
import net.fortuna.ical4j.model.property.DtStamp;
import net.fortuna.ical4j.model.property.Location;
import net.fortuna.ical4j.model.property.Organizer;
import net.fortuna.ical4j.model.property.ProdId;
import net.fortuna.ical4j.model.property.Sequence;
import net.fortuna.ical4j.model.property.Uid;
import net.fortuna.ical4j.model.property.Url;
import net.fortuna.ical4j.model.property.immutable.ImmutableCalScale;
import net.fortuna.ical4j.model.property.immutable.ImmutableMethod;
import net.fortuna.ical4j.model.property.immutable.ImmutableVersion;

/**
 * A SOO's panel slot as an iCalendar invitation (RFC 5545, METHOD:REQUEST), with ical4j: the slot's
 * start and end, "Scrutiny panel · CASE CODE", the joining link as location and URL. One UID per
 * meeting, case and SOO, so a corrected invitation replaces the first in the SOO's calendar.
 */
public final class SlotInvitation {

  private SlotInvitation() {}

  public static String ics(Notice slot, String organizerAddress, String attendeeAddress, java.time.Instant stamp) {
    VEvent event = new VEvent(slot.slotStart(), slot.slotEnd(), "Scrutiny panel · " + slot.caseCode());
    event.add(new Uid(slot.sourceId() + "-" + slot.caseCode() + "-" + slot.recipient() + "@case-oversight"));
    event.add(new DtStamp(stamp));
    event.add(new Sequence(0));
    event.add(new Location(slot.link()));
    uri(slot.link()).ifPresent(link -> event.add(new Url(link)));
    event.add(new Description("Case " + slot.caseCode() + ". Join at the slot's start: " + slot.link()
        + "\nThis invitation carries no details of the case."));
    event.add(new Organizer(URI.create("mailto:" + organizerAddress)));
    event.add(new Attendee(URI.create("mailto:" + attendeeAddress)));
    Calendar calendar = new Calendar();
    calendar.add(new ProdId("-//Case oversight//Panel slot//EN"));
    calendar.add(ImmutableVersion.VERSION_2_0);
    calendar.add(ImmutableCalScale.GREGORIAN);
    calendar.add(ImmutableMethod.REQUEST);
    calendar.add(event);
    return calendar.toString();
  }

  /** The joining link as a URL property only when it is one (a setting may hold words around it). */
  static java.util.Optional<URI> uri(String link) {
    try {
      URI uri = new URI(link);
      return uri.isAbsolute() ? java.util.Optional.of(uri) : java.util.Optional.empty();
    } catch (java.net.URISyntaxException | NullPointerException e) {
      return java.util.Optional.empty();
    }
  }
}
