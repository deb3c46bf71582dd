package uk.police.daoversight.allocation;

import java.util.Map;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import uk.police.daoversight.access.ConflictOfInterest;
import uk.police.daoversight.config.BadRequestException;
import uk.police.daoversight.security.CurrentUser;
import uk.police.daoversight.security.Groups;

/** {@code POST /api/cases/{caseCode}/reallocation {"from", "to", "reason"}}: coordinators move a case to another SOO. */
@RestController
public class ReallocationController {

  public record Request(String from, String to, String reason) {}

  private final ReallocationService reallocation;
  private final CurrentUser currentUser;
  private final ConflictOfInterest conflicts;

  public ReallocationController(ReallocationService reallocation, CurrentUser currentUser, ConflictOfInterest conflicts) {
    this.reallocation = reallocation;
    this.currentUser = currentUser;
    this.conflicts = conflicts;
  }

  @PostMapping("/api/cases/{caseCode}/reallocation")
  public Map<String, String> reallocate(@PathVariable String caseCode, @RequestBody Request request) {
    currentUser.requireAnyGroup(Groups.CASE_COORDINATORS);
    // A coordinator conflicted on the case does not choose who oversees it.
    conflicts.refuseIfConflicted(currentUser.userId(), currentUser.groups(), caseCode, "REALLOCATE");
    if (request == null || request.from() == null || request.to() == null) {
      throw new BadRequestException("Name the SOO the case moves from and to", Map.of("from", "required", "to", "required"));
    }
    try {
      reallocation.reallocate(caseCode, request.from().trim(), request.to().trim(), request.reason(), currentUser.userId());
    } catch (AllocationRefusedException e) {
      throw new BadRequestException("The case was not reallocated: " + e.getMessage());
    }
    return Map.of("caseCode", caseCode, "soo", request.to().trim());
  }
}
