package uk.police.daoversight.access;

import java.time.Instant;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import uk.police.daoversight.security.CurrentUser;
import uk.police.daoversight.security.Groups;

/** {@code POST /api/cases/{caseCode}/break-glass {"reason": "...", "until": optional}}: PSD, the chair, managers. */
@RestController
public class BreakGlassController {

  public record Request(String reason, Instant until) {}

  private final BreakGlass breakGlass;
  private final CurrentUser currentUser;

  public BreakGlassController(BreakGlass breakGlass, CurrentUser currentUser) {
    this.breakGlass = breakGlass;
    this.currentUser = currentUser;
  }

  @PostMapping("/api/cases/{caseCode}/break-glass")
  public ResponseEntity<BreakGlass.Grant> open(@PathVariable String caseCode, @RequestBody Request request) {
    currentUser.requireAnyGroup(Groups.PSD, Groups.PANEL_CHAIR, Groups.MANAGERS);
    return ResponseEntity.status(201).body(breakGlass.open(currentUser.userId(), currentUser.groups(), caseCode,
        request == null ? null : request.reason(), request == null ? null : request.until()));
  }
}
