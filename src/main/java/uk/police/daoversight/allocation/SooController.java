package uk.police.daoversight.allocation;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import uk.police.daoversight.config.BadRequestException;
import uk.police.daoversight.security.CurrentUser;
import uk.police.daoversight.security.Groups;

/** {@code GET/PUT /api/soos}: the coordinators maintain the SOO roster. */
@RestController
@RequestMapping("/api/soos")
public class SooController {

  private final SooRoster roster;
  private final CurrentUser currentUser;

  public SooController(SooRoster roster, CurrentUser currentUser) {
    this.roster = roster;
    this.currentUser = currentUser;
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
    if (!problems.isEmpty()) {
      throw new BadRequestException("The roster entry was not saved", problems);
    }
    SooProfile profile = new SooProfile(userId, entry.rank().trim(), entry.department(), entry.staffNumber(),
        entry.available(), entry.excludedRole(), entry.lastAllocatedAt());
    roster.save(profile);
    return roster.find(userId).orElse(profile);
  }

  private static void maxLength(String field, String value, int max, Map<String, String> problems) {
    if (value != null && value.trim().length() > max) {
      problems.put(field, "at most " + max + " characters");
    }
  }
}
