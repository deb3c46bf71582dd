package uk.police.daoversight.access;

import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import uk.police.daoversight.audit.AccessAudit;
import uk.police.daoversight.config.BadRequestException;
import uk.police.daoversight.security.CurrentUser;
import uk.police.daoversight.security.ForbiddenException;
import uk.police.daoversight.security.Groups;
import uk.police.daoversight.security.NotFoundException;

/**
 * {@code GET /api/alerts[?user=&caseCode=&limit=]} and {@code GET /api/alerts/{id}}: the access
 * alerts' details, for information governance only. Every read, and every refusal, is audited.
 * The engine's {@code accessAlert} process holds the alert's id alone (the Tasklist form links here).
 */
@RestController
public class AlertController {

  private static final int MAX_LIMIT = 500;

  private final AccessAlerts alerts;
  private final AccessAudit audit;
  private final CurrentUser currentUser;

  public AlertController(AccessAlerts alerts, AccessAudit audit, CurrentUser currentUser) {
    this.alerts = alerts;
    this.audit = audit;
    this.currentUser = currentUser;
  }

  @GetMapping("/api/alerts")
  public List<AccessAlerts.Alert> list(@RequestParam(required = false) String user,
                                       @RequestParam(required = false) String caseCode,
                                       @RequestParam(defaultValue = "100") int limit) {
    requireInformationGovernance(caseCode, "list");
    if (limit < 1 || limit > MAX_LIMIT) {
      throw new BadRequestException("'limit' must be between 1 and " + MAX_LIMIT);
    }
    if ((user != null && user.length() > 64) || (caseCode != null && caseCode.length() > 9)) {
      throw new BadRequestException("'user' or 'caseCode' is longer than any user id or case code");
    }
    List<AccessAlerts.Alert> found = alerts.list(blankToNull(user), blankToNull(caseCode), limit);
    audit.record(currentUser.userId(), blankToNull(caseCode), "READ_ALERT", AccessAudit.Outcome.ALLOWED,
        found.size() + " alerts");
    return found;
  }

  @GetMapping("/api/alerts/{id}")
  public AccessAlerts.Alert one(@PathVariable String id) {
    requireInformationGovernance(null, id.length() > 36 ? id.substring(0, 36) : id);
    AccessAlerts.Alert alert = alerts.find(id).orElseThrow(() -> new NotFoundException("No such alert"));
    audit.record(currentUser.userId(), alert.caseCode(), "READ_ALERT", AccessAudit.Outcome.ALLOWED, alert.id());
    return alert;
  }

  private void requireInformationGovernance(String caseCode, String what) {
    if (!currentUser.inAnyGroup(Groups.INFORMATION_GOVERNANCE)) {
      audit.record(currentUser.userId(), caseCode != null && caseCode.length() <= 9 ? caseCode : null, "READ_ALERT",
          AccessAudit.Outcome.REFUSED, what);
      throw new ForbiddenException("Access alerts are for information governance only");
    }
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value.trim();
  }
}
