package uk.police.daoversight.vault;

import java.time.Instant;
import java.util.Set;
import uk.police.daoversight.intake.Party;

/**
 * What the vault holds for one case. Only coordinators, the allocated SOO(s) and PSD may see it.
 * {@code erased}: the case's key was destroyed at the end of retention, so every identity reads null.
 */
public record CaseIdentity(String caseCode, String externalReference, String route, Party victim,
                           Party perpetrator, Set<String> knownTo, String linkedCaseCode,
                           Instant createdAt, Instant closedAt, boolean erased) {}
