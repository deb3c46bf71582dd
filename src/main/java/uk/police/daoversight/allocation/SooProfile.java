package uk.police.daoversight.allocation;

import java.time.Instant;

/**
 * One chief inspector on the SOO roster.
 *
 * @param lastAllocatedAt when they were last allocated a case; null = never allocated
 * @param excludedRole    a role that bars them from being a SOO (e.g. "PSD"); null or blank = none
 */
public record SooProfile(String userId, String rank, String department, String staffNumber,
                         boolean available, String excludedRole, Instant lastAllocatedAt) {}
