package uk.police.daoversight.allocation;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import uk.police.daoversight.config.BadRequestException;
import uk.police.daoversight.intake.Party;
import uk.police.daoversight.vault.ReferenceKeys;
import uk.police.daoversight.security.CurrentUser;
import uk.police.daoversight.security.Groups;

/** {@code GET/PUT /api/soos}: the coordinators maintain the SOO roster. */
@RestController
@RequestMapping("/api/soos")
public class SooController {

  private final SooRoster roster;
  private final CurrentUser currentUser;
  private final SooMembership membership;
  private final ReferenceKeys keys;
  private final Clock clock;

  public SooController(SooRoster roster, CurrentUser currentUser, SooMembership membership, ReferenceKeys keys, Clock clock) {
    this.roster = roster;
    this.currentUser = currentUser;
    this.membership = membership;
    this.keys = keys;
    this.clock = clock;
  }

  /** A roster entry as clients send it; the user id comes from the path. */
  public record SooEntry(String rank, String department, String staffNumber, Boolean available,
                         String excludedRole, Instant lastAllocatedAt) {}

  @GetMapping
  public List<SooProfile> roster() {
    currentUser.requireAnyGroup(Groups.CASE_COORDINATORS);
    return roster.all();
  }

  @PutMapping("/{userId}")
  public SooProfile save(@PathVariable String userId, @RequestBody SooEntry entry) {
    currentUser.requireAnyGroup(Groups.CASE_COORDINATORS);
    Map<String, String> problems = new LinkedHashMap<>();
    if (!userId.matches("[A-Za-z0-9._@-]{1,64}")) {
      problems.put("userId", "user ids only (letters, digits and . _ @ -)");
    }
    if (entry == null || entry.rank() == null || entry.rank().isBlank()) {
      problems.put("rank", "required (SOOs are chief inspectors)");
    }
    if (entry == null || entry.available() == null) {
      problems.put("available", "required: true or false");
    }
    if (entry != null) {
      maxLength("rank", entry.rank(), 64, problems);
      maxLength("department", entry.department(), 200, problems);
      maxLength("staffNumber", entry.staffNumber(), 50, problems);
      maxLength("excludedRole", entry.excludedRole(), 64, problems);
      if (entry.lastAllocatedAt() != null && (entry.lastAllocatedAt().isBefore(Instant.parse("2000-01-01T00:00:00Z"))
          || entry.lastAllocatedAt().isAfter(Instant.parse("2200-01-01T00:00:00Z")))) {
        problems.put("lastAllocatedAt", "must be an instant between 2000 and 2199");
      }
    }
    if (problems.isEmpty()) {
      // Only a real chief inspector in the SOO group may be on the roster (#19 item 2).
      membership.whyNot(userId).ifPresent(why -> problems.put("userId", why));
    }
    if (!problems.isEmpty()) {
      throw new BadRequestException("The roster entry was not saved", problems);
    }
    SooProfile profile = new SooProfile(userId, entry.rank().trim(), entry.department(), entry.staffNumber(),
        entry.available(), entry.excludedRole(), entry.lastAllocatedAt());
    roster.save(profile);
    return roster.find(userId).orElse(profile);
  }

  /** A person a SOO knows well: a staff number, or a name with a date of birth (ISO). Never stored as given. */
  public record KnownPerson(String staffNumber, String name, String dateOfBirth) {}

  /** What is kept of a SOO's standing conflicts: how many, never who. */
  public record StandingConflicts(String userId, int people) {}

  static final int MAX_KNOWN_PEOPLE = 50;

  /**
   * {@code PUT /api/soos/{userId}/standing-conflicts [{staffNumber | name + dateOfBirth}, ...]}: the
   * people a SOO knows well, replacing the earlier list, kept as keyed hashes only (the vault's
   * {@link ReferenceKeys}); a case with one of them as a party never recommends or allocates that SOO.
   * The SOO themself or a coordinator.
   */
  @PutMapping("/{userId}/standing-conflicts")
  public StandingConflicts standingConflicts(@PathVariable String userId, @RequestBody(required = false) List<KnownPerson> people) {
    if (!userId.equals(currentUser.userId())) {
      currentUser.requireAnyGroup(Groups.CASE_COORDINATORS);
    }
    if (roster.find(userId).isEmpty()) {
      throw new BadRequestException("Not on the SOO roster", Map.of("userId", "not on the SOO roster"));
    }
    Map<String, String> problems = new LinkedHashMap<>();
    if (people == null) {
      problems.put("people", "required: a list (empty to clear)");
    } else if (people.size() > MAX_KNOWN_PEOPLE) {
      problems.put("people", "at most " + MAX_KNOWN_PEOPLE);
    }
    Set<String> hashes = new LinkedHashSet<>();
    for (int i = 0; people != null && i < people.size() && problems.isEmpty(); i++) {
      KnownPerson p = people.get(i);
      String at = "people[" + i + "]";
      if (p == null) {
        problems.put(at, "a staff number, or a name with a date of birth");
        continue;
      }
      boolean number = p.staffNumber() != null && !p.staffNumber().isBlank();
      boolean name = p.name() != null && !p.name().isBlank();
      java.time.LocalDate born = null;
      if (p.dateOfBirth() != null && !p.dateOfBirth().isBlank()) {
        try {
          born = java.time.LocalDate.parse(p.dateOfBirth().trim());
        } catch (java.time.format.DateTimeParseException e) {
          problems.put(at + ".dateOfBirth", "a date as YYYY-MM-DD");
          continue;
        }
      }
      if (number && p.staffNumber().trim().length() > 50 || name && p.name().trim().length() > 200) {
        problems.put(at, "staff number at most 50 characters, name at most 200");
        continue;
      }
      if (!number && !(name && born != null)) {
        problems.put(at, "a staff number, or a name with a date of birth");
        continue;
      }
      Party party = new Party(name ? p.name() : null, born, number, number ? p.staffNumber() : null, null, null, null);
      if (number) {
        hashes.add(keys.staffKeyOf(party));
      }
      if (name && born != null) {
        hashes.add(keys.personKeyOf(party));
      }
    }
    if (!problems.isEmpty()) {
      throw new BadRequestException("The standing conflicts were not saved", problems);
    }
    roster.replaceStandingConflicts(userId, hashes, clock.instant());
    return new StandingConflicts(userId, roster.standingConflictCount(userId));
  }

  private static void maxLength(String field, String value, int max, Map<String, String> problems) {
    if (value != null && value.trim().length() > max) {
      problems.put(field, "at most " + max + " characters");
    }
  }
}
