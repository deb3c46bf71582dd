package uk.police.daoversight.intake;

import java.time.Clock;
import org.springframework.stereotype.Service;
import uk.police.daoversight.vault.IdentityVault;

/**
 * Turns a referral into a case: validates it, refuses a second open case for the same force
 * reference, gives it a random case code and seals the identities into the vault. Called inside
 * the process start transaction, so a failed start leaves nothing behind.
 */
@Service
public class ReferralService {

  private final ReferralValidator validator;
  private final IdentityVault vault;
  private final CaseCodeGenerator codes;
  private final Clock clock;

  private final uk.police.daoversight.audit.AccessAudit audit;
  private final org.camunda.bpm.engine.IdentityService identityService;

  public ReferralService(ReferralValidator validator, IdentityVault vault, CaseCodeGenerator codes, Clock clock,
                         uk.police.daoversight.audit.AccessAudit audit, org.camunda.bpm.engine.IdentityService identityService) {
    this.audit = audit;
    this.identityService = identityService;
    this.validator = validator;
    this.vault = vault;
    this.codes = codes;
    this.clock = clock;
  }

  public record SealedReferral(String caseCode, Referral referral) {}

  public SealedReferral seal(ReferralRequest request) {
    Referral referral = validator.validate(request);
    vault.openCaseWithReference(referral.externalReference()).ifPresent(existing -> {
      throw new DuplicateReferralException(existing);
    });
    String caseCode = codes.next();
    while (vault.exists(caseCode)) {
      caseCode = codes.next();
    }
    vault.store(caseCode, referral, clock.instant());
    // DPA 2018 s.62: collection. Who recorded it (the referrer signed in, or the process), never what.
    org.camunda.bpm.engine.impl.identity.Authentication who = identityService.getCurrentAuthentication();
    audit.record(who == null ? null : who.getUserId(), caseCode, uk.police.daoversight.audit.AccessAudit.COLLECTION,
        uk.police.daoversight.audit.AccessAudit.Outcome.ALLOWED, "referral via " + referral.route().name());
    return new SealedReferral(caseCode, referral);
  }
}
