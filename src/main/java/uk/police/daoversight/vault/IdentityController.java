package uk.police.daoversight.vault;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import uk.police.daoversight.security.CurrentUser;

/** {@code GET /api/cases/{caseCode}/identity?purpose=&note=}: who is involved, for those who need to know, and why. */
@RestController
public class IdentityController {

  private final IdentityAccess access;
  private final CurrentUser currentUser;
  private final IdentityCorrection correction;

  public IdentityController(IdentityAccess access, CurrentUser currentUser, IdentityCorrection correction) {
    this.correction = correction;
    this.access = access;
    this.currentUser = currentUser;
  }

  @GetMapping("/api/cases/{caseCode}/identity")
  public CaseIdentity identity(@PathVariable String caseCode, @RequestParam(required = false) String purpose,
                               @RequestParam(required = false) String note) {
    return access.read(currentUser.userId(), currentUser.groups(), caseCode, purpose, note);
  }

  /**
   * {@code GET /api/cases/{caseCode}/contact/{party}?purpose=&note=} ({@code victim} or {@code otherParty}):
   * that party's contact details and contact plan, for the coordinators and that party's SOO only.
   */
  @GetMapping("/api/cases/{caseCode}/contact/{party}")
  public IdentityAccess.PartyContact contact(@PathVariable String caseCode, @PathVariable String party,
                                             @RequestParam(required = false) String purpose,
                                             @RequestParam(required = false) String note) {
    return access.readContact(currentUser.userId(), currentUser.groups(), caseCode, party, purpose, note);
  }

  /** {@code PUT /api/cases/{caseCode}/identity/{party}/{field}} {"value", "reason"}: a coordinator's correction (204). */
  @org.springframework.web.bind.annotation.PutMapping("/api/cases/{caseCode}/identity/{party}/{field}")
  @org.springframework.web.bind.annotation.ResponseStatus(org.springframework.http.HttpStatus.NO_CONTENT)
  public void correct(@PathVariable String caseCode, @PathVariable String party, @PathVariable String field,
                      @org.springframework.web.bind.annotation.RequestBody(required = false) IdentityCorrection.Correction body) {
    correction.correct(currentUser.userId(), currentUser.groups(), caseCode, party, field, body);
  }
}
