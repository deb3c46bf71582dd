package uk.police.daoversight.allocation;

import java.util.Locale;
import java.util.Optional;
import org.camunda.bpm.engine.IdentityService;
import org.springframework.stereotype.Service;
import uk.police.daoversight.access.StaffDirectory;
import uk.police.daoversight.security.Groups;
import uk.police.daoversight.security.SystemAccess;

/**
 * Who may be on the SOO roster (#19 item 2): a real person, that is a user of the system, in the
 * {@value Groups#SENIOR_OVERSIGHT_OFFICERS} group, whom the force's staff directory (the HR feed,
 * {@link uk.police.daoversight.access.DirectoryImport}) lists as a chief inspector. Being a SOO is a
 * mandatory duty of that rank; the roster's own rank column is not evidence of it.
 */
@Service
public class SooMembership {

  public static final String CHIEF_INSPECTOR = "Chief Inspector";
  public static final String NOT_A_USER = "not a user of the system";
  public static final String NOT_IN_GROUP = "not in the " + Groups.SENIOR_OVERSIGHT_OFFICERS + " group";
  public static final String NOT_IN_DIRECTORY = "not in the force's staff directory";
  public static final String NOT_THE_RANK = "not a chief inspector in the force's staff directory";

  private final IdentityService identityService;
  private final StaffDirectory directory;

  public SooMembership(IdentityService identityService, StaffDirectory directory) {
    this.identityService = identityService;
    this.directory = directory;
  }

  /** The rule itself, plain: the first that fails is the reason; empty when they may be a SOO. */
  public static Optional<String> decide(boolean userExists, boolean inSooGroup, boolean inDirectory, String directoryRank) {
    if (!userExists) {
      return Optional.of(NOT_A_USER);
    }
    if (!inSooGroup) {
      return Optional.of(NOT_IN_GROUP);
    }
    if (!inDirectory) {
      return Optional.of(NOT_IN_DIRECTORY);
    }
    String rank = directoryRank == null ? "" : directoryRank.trim().replaceAll("\\s+", " ").toLowerCase(Locale.ROOT);
    // A detective chief inspector holds the rank too.
    if (!rank.equals("chief inspector") && !rank.equals("detective chief inspector")) {
      return Optional.of(NOT_THE_RANK);
    }
    return Optional.empty();
  }

  /** Why this user may not be on the roster now; empty when they may. */
  public Optional<String> whyNot(String userId) {
    if (userId == null || userId.isBlank()) {
      return Optional.of(NOT_A_USER);
    }
    boolean exists = SystemAccess.run(identityService, () -> identityService.createUserQuery().userId(userId).count() > 0);
    boolean inGroup = exists && SystemAccess.run(identityService,
        () -> identityService.createUserQuery().userId(userId).memberOfGroup(Groups.SENIOR_OVERSIGHT_OFFICERS).count() > 0);
    boolean inDirectory = directory.find(userId).isPresent();
    return decide(exists, inGroup, inDirectory, directory.rankOf(userId).orElse(null));
  }
}
