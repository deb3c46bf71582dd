package uk.police.daoversight.intake;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.springframework.dao.DataAccessException;
import org.springframework.http.ResponseEntity;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import uk.police.daoversight.security.AccessSetup;
import uk.police.daoversight.security.CurrentUser;
import uk.police.daoversight.security.Groups;
import uk.police.daoversight.vault.IdentityVault;

/**
 * {@code POST /api/referrals}: a referral is recorded by a case coordinator, or by a force system with
 * client credentials scoped to referral intake (group {@code referral-intake}, single sign-on).
 */
@RestController
@RequestMapping("/api/referrals")
public class ReferralController {

  private final RuntimeService runtimeService;
  private final ReferralValidator validator;
  private final IdentityVault vault;
  private final CurrentUser currentUser;
  private final TransactionTemplate transaction;

  public ReferralController(RuntimeService runtimeService, ReferralValidator validator, IdentityVault vault,
                            CurrentUser currentUser, TransactionTemplate transaction) {
    this.runtimeService = runtimeService;
    this.validator = validator;
    this.vault = vault;
    this.currentUser = currentUser;
    this.transaction = transaction;
  }

  @PostMapping
  public ResponseEntity<Map<String, String>> refer(@RequestBody ReferralRequest request) {
    currentUser.requireAnyGroup(Groups.CASE_COORDINATORS, Groups.REFERRAL_INTAKE);
    validator.validate(request);
    ProcessInstance instance;
    try {
      // The identities travel as transient variables: the start listener seals them into the vault.
      instance = transaction.execute(status -> runtimeService
          .createProcessInstanceByKey(AccessSetup.OVERSIGHT_CASE)
          .setVariables(ReferralFormFields.toTransientVariables(request))
          .execute());
    } catch (RuntimeException e) {
      DuplicateReferralException duplicate = cause(e, DuplicateReferralException.class);
      if (duplicate != null) {
        throw duplicate;
      }
      if (causedBy(e, DataAccessException.class)) {
        // Two requests raced past the check: the database's unique key let one through (the other
        // fails on the key or on its lock). If the other one made the case, say so.
        var existing = vault.openCaseWithReference(request.externalReference().trim());
        if (existing.isPresent()) {
          throw new DuplicateReferralException(existing.get());
        }
      }
      throw e;
    }
    Map<String, String> body = new LinkedHashMap<>();
    body.put("caseCode", instance.getBusinessKey());
    body.put("processInstanceId", instance.getId());
    return ResponseEntity.created(URI.create("/api/cases/" + instance.getBusinessKey())).body(body);
  }

  private static boolean causedBy(Throwable e, Class<? extends Throwable> type) {
    return cause(e, type) != null;
  }

  private static <T extends Throwable> T cause(Throwable e, Class<T> type) {
    for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (type.isInstance(t)) {
        return type.cast(t);
      }
    }
    return null;
  }
}
