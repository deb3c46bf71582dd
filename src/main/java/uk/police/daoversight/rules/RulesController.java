package uk.police.daoversight.rules;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;
import uk.police.daoversight.config.BadRequestException;
import uk.police.daoversight.security.CurrentUser;
import uk.police.daoversight.security.Groups;

/**
 * The analysts' rules service. {@code POST /api/rules/{decisionKey}} takes one DMN file (the body,
 * or a multipart {@code file} with optional new regression cases {@code regression}); with
 * {@code ?dryRun=true} it reports what would change without deploying.
 */
@RestController
@RequestMapping("/api/rules/{decisionKey}")
public class RulesController {

  static final int MAX_BYTES = 1024 * 1024;

  private final RulesService rules;
  private final CurrentUser currentUser;

  public RulesController(RulesService rules, CurrentUser currentUser) {
    this.rules = rules;
    this.currentUser = currentUser;
  }

  @PostMapping(consumes = {MediaType.APPLICATION_XML_VALUE, MediaType.TEXT_XML_VALUE, MediaType.APPLICATION_OCTET_STREAM_VALUE,
      MediaType.TEXT_PLAIN_VALUE})
  public ResponseEntity<?> change(@PathVariable String decisionKey, @RequestBody byte[] dmn,
                                  @RequestParam(defaultValue = "false") boolean dryRun) {
    return handle(decisionKey, dmn, null, dryRun);
  }

  @PostMapping(consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
  public ResponseEntity<?> changeWithCases(@PathVariable String decisionKey, @RequestParam("file") MultipartFile file,
                                           @RequestParam(value = "regression", required = false) MultipartFile regression,
                                           @RequestParam(defaultValue = "false") boolean dryRun) throws java.io.IOException {
    String csv = regression == null ? null : new String(regression.getBytes(), StandardCharsets.UTF_8);
    return handle(decisionKey, file.getBytes(), csv, dryRun);
  }

  @GetMapping("/versions")
  public List<RulesService.Version> versions(@PathVariable String decisionKey) {
    currentUser.requireAnyGroup(Groups.ANALYSTS);
    return rules.versions(decisionKey);
  }

  @PostMapping("/versions/{version}/rollback")
  public ResponseEntity<Map<String, Object>> rollback(@PathVariable String decisionKey, @PathVariable int version) {
    currentUser.requireAnyGroup(Groups.ANALYSTS);
    int deployed = rules.rollback(decisionKey, version, currentUser.userId());
    return ResponseEntity.status(201).body(Map.of("decisionKey", decisionKey, "version", deployed, "rolledBackTo", version));
  }

  private ResponseEntity<?> handle(String decisionKey, byte[] dmn, String csv, boolean dryRun) {
    currentUser.requireAnyGroup(Groups.ANALYSTS);
    if (dmn == null || dmn.length == 0) {
      throw new BadRequestException("Send one DMN file");
    }
    if (dmn.length > MAX_BYTES) {
      throw new BadRequestException("The file is larger than 1 MB");
    }
    if (dryRun) {
      return ResponseEntity.ok(rules.dryRun(decisionKey, dmn, csv, currentUser.userId()));
    }
    int version = rules.deploy(decisionKey, dmn, csv, currentUser.userId());
    return ResponseEntity.status(201).body(Map.of("decisionKey", decisionKey, "version", version));
  }
}
