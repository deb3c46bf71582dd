package uk.police.daoversight.access;

import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import uk.police.daoversight.config.BadRequestException;
import uk.police.daoversight.security.CurrentUser;
import uk.police.daoversight.security.Groups;

/**
 * {@code POST /api/directory} (administrators; body {@code text/csv}): loads the HR feed into the
 * staff directory and answers a report, line by line ({@link DirectoryImport}).
 */
@RestController
public class DirectoryController {

  private final DirectoryImport directoryImport;
  private final CurrentUser currentUser;

  public DirectoryController(DirectoryImport directoryImport, CurrentUser currentUser) {
    this.directoryImport = directoryImport;
    this.currentUser = currentUser;
  }

  @PostMapping(path = "/api/directory", consumes = {"text/csv", "text/plain"})
  public DirectoryImport.Report load(@RequestBody(required = false) String csv) {
    currentUser.requireAnyGroup(Groups.CAMUNDA_ADMIN);
    if (csv == null || csv.isBlank()) {
      throw new BadRequestException("The body must be the directory as CSV: " + DirectoryImport.HEADER + ", one person a line");
    }
    return directoryImport.load(csv, currentUser.userId());
  }
}
