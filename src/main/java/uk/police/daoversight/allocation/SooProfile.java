package uk.police.daoversight.allocation;

import java.time.Instant;

/** One chief inspector on the SOO roster. lastAllocatedAt null = never allocated; excludedRole blank = none. */
public record SooProfile(String userId, String rank, String department, String staffNumber,
                         boolean available, String excludedRole, Instant lastAllocatedAt) {}
