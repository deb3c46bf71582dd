package uk.police.daoversight.vault;

import java.util.Set;
import org.springframework.stereotype.Service;
import uk.police.daoversight.allocation.AllocationDesk;
import uk.police.daoversight.contact.ContactPlans;
import uk.police.daoversight.intake.Party;
import uk.police.daoversight.access.BreakGlass;
import uk.police.daoversight.access.ConflictOfInterest;
import uk.police.daoversight.access.SuspiciousAccess;
import uk.police.daoversight.allocation.SooRoster;
import uk.police.daoversight.audit.AccessAudit;
import uk.police.daoversight.audit.Purposes;
import uk.police.daoversight.security.ForbiddenException;
import uk.police.daoversight.security.Groups;
import uk.police.daoversight.security.NotFoundException;

/**
 * Need to know: a case's identities go to the case coordinators, the SOO(s) allocated to that case
 * while they oversee it, PSD, and whoever broke the glass on it until that expires. Every read,
 * allowed or refused, is audited and checked for suspicious access; an entitled read needs a purpose
 * from the force's list ({@link Purposes}), stored with it. Nobody conflicted on the case
 * ({@link ConflictOfInterest}) reads it, whatever their role.
 */
@Service
public class IdentityAccess {

  private final IdentityVault vault;
  private final SooRoster roster;
  private final AccessAudit audit;
  private final BreakGlass breakGlass;
  private final SuspiciousAccess suspicious;
  private final ConflictOfInterest conflicts;

  private final Purposes purposes;
  private final ContactPlans contactPlans;

  public IdentityAccess(IdentityVault vault, SooRoster roster, AccessAudit audit, BreakGlass breakGlass,
                        SuspiciousAccess suspicious, ConflictOfInterest conflicts, Purposes purposes,
                        ContactPlans contactPlans) {
    this.purposes = purposes;
    this.contactPlans = contactPlans;
    this.vault = vault;
    this.roster = roster;
    this.audit = audit;
    this.breakGlass = breakGlass;
    this.suspicious = suspicious;
    this.conflicts = conflicts;
  }

  public CaseIdentity read(String userId, java.util.List<String> groups, String caseCode, String purpose, String note) {
    // A conflict is refused whatever else would entitle the user (coordinator, SOO, PSD, break glass).
    conflicts.refuseIfConflicted(userId, groups, caseCode, "READ_IDENTITY");
    boolean entitled = groups.contains(Groups.CASE_COORDINATORS) || groups.contains(Groups.PSD)
        || roster.isActiveSoo(caseCode, userId) || breakGlass.isOpen(userId, caseCode);
    if (!entitled) {
      audit.record(userId, caseCode, "READ_IDENTITY", AccessAudit.Outcome.REFUSED, "not coordinator, allocated SOO or PSD");
      suspicious.check(userId, caseCode);
      throw new ForbiddenException("You do not have access to the identities of this case");
    }
    Purposes.Purpose why;
    try {
      why = purposes.require(purpose, note);
    } catch (RuntimeException noPurpose) {
      audit.record(userId, caseCode, "READ_IDENTITY", AccessAudit.Outcome.REFUSED, "no purpose given");
      throw noPurpose;
    }
    CaseIdentity identity = vault.find(caseCode).orElseThrow(() -> new NotFoundException("No case " + caseCode));
    Set<String> parties = contactParties(userId, groups, caseCode);
    audit.record(new AccessAudit.Row(userId, caseCode, "READ_IDENTITY", AccessAudit.Outcome.ALLOWED,
        parties.size() == 2 ? null : "contact details of " + (parties.isEmpty() ? "no party" : "their party only"), why.code(),
        note == null || note.isBlank() ? null : note.trim(), null));
    suspicious.check(userId, caseCode);
    return withContactsOf(identity, parties);
  }

  /** The path names of the two parties whose contact details a SOO may read, and the parties of case_soo. */
  public static final String VICTIM = "victim";
  public static final String OTHER_PARTY = "otherParty";

  /** One party's contact details and the contact plan their SOO recorded (#19 item 6). */
  public record PartyContact(String caseCode, String party, String contact, java.util.List<ContactPlans.Plan> plans) {}

  /**
   * {@code party}'s contact details: for the coordinators and the SOO who oversees that party only
   * (in a counter-allegation the other party has their own SOO, and neither SOO reads the other's
   * party). Anyone else is refused (403), audited as {@code READ_CONTACT} and checked for suspicious access.
   */
  public PartyContact readContact(String userId, java.util.List<String> groups, String caseCode, String party,
                                  String purpose, String note) {
    String caseParty = switch (party == null ? "" : party) {
      case VICTIM -> AllocationDesk.VICTIM;
      case OTHER_PARTY -> AllocationDesk.OTHER_PARTY;
      default -> throw new uk.police.daoversight.config.BadRequestException("No such party",
          java.util.Map.of("party", "must be " + VICTIM + " or " + OTHER_PARTY));
    };
    conflicts.refuseIfConflicted(userId, groups, caseCode, "READ_CONTACT");
    if (!contactParties(userId, groups, caseCode).contains(caseParty)) {
      audit.record(userId, caseCode, "READ_CONTACT", AccessAudit.Outcome.REFUSED,
          "not a coordinator or the SOO of the " + (VICTIM.equals(party) ? "victim" : "other party"));
      suspicious.check(userId, caseCode);
      throw new ForbiddenException("Only the coordinators and this party's SOO may read their contact details");
    }
    Purposes.Purpose why;
    try {
      why = purposes.require(purpose, note);
    } catch (RuntimeException noPurpose) {
      audit.record(userId, caseCode, "READ_CONTACT", AccessAudit.Outcome.REFUSED, "no purpose given");
      throw noPurpose;
    }
    CaseIdentity identity = vault.find(caseCode).orElseThrow(() -> new NotFoundException("No case " + caseCode));
    audit.record(new AccessAudit.Row(userId, caseCode, "READ_CONTACT", AccessAudit.Outcome.ALLOWED, "contact of the " + party,
        why.code(), note == null || note.isBlank() ? null : note.trim(), null));
    suspicious.check(userId, caseCode);
    String contact = AllocationDesk.VICTIM.equals(caseParty) ? identity.victim().contact() : identity.perpetrator().contact();
    return new PartyContact(caseCode, party, contact, contactPlans.plansFor(caseCode, caseParty));
  }

  /**
   * Whose contact details the user may read on the case: the coordinators both parties'; a SOO
   * only the party they oversee ({@code case_soo}); PSD and a broken glass the victim's, as before
   * (the other party's contact is for their SOO and the coordinators only).
   */
  Set<String> contactParties(String userId, java.util.List<String> groups, String caseCode) {
    if (groups.contains(Groups.CASE_COORDINATORS)) {
      return Set.of(AllocationDesk.VICTIM, AllocationDesk.OTHER_PARTY);
    }
    java.util.Optional<String> own = roster.activePartyOf(caseCode, userId);
    if (own.isPresent()) {
      return Set.of(own.get());
    }
    if (groups.contains(Groups.PSD) || breakGlass.isOpen(userId, caseCode)) {
      return Set.of(AllocationDesk.VICTIM);
    }
    return Set.of();
  }

  /** The identity with the contact details of the parties not in {@code parties} withheld (null). */
  static CaseIdentity withContactsOf(CaseIdentity c, Set<String> parties) {
    Party victim = parties.contains(AllocationDesk.VICTIM) ? c.victim() : withoutContact(c.victim());
    Party other = parties.contains(AllocationDesk.OTHER_PARTY) ? c.perpetrator() : withoutContact(c.perpetrator());
    return new CaseIdentity(c.caseCode(), c.externalReference(), c.route(), victim, other, c.knownTo(), c.linkedCaseCode(),
        c.createdAt(), c.closedAt(), c.erased());
  }

  private static Party withoutContact(Party p) {
    return p == null ? null : new Party(p.name(), p.dateOfBirth(), p.policeEmployee(), p.staffNumber(), p.rank(),
        p.department(), null);
  }
}
