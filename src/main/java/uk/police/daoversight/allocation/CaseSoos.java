package uk.police.daoversight.allocation;

import java.util.List;
import org.springframework.stereotype.Component;

/**
 * Expression bean {@code caseSoos}: who works a case's SOO tasks. The model asks
 * {@code ${caseSoos.all(caseCode)}} for the "Reach the victim" instances (one per SOO) and
 * {@code ${caseSoos.candidates(caseCode)}} for tasks either SOO may do.
 */
@Component("caseSoos")
public class CaseSoos {

  private final SooRoster roster;

  public CaseSoos(SooRoster roster) {
    this.roster = roster;
  }

  public List<String> all(String caseCode) {
    return roster.activeSoos(caseCode);
  }

  public String candidates(String caseCode) {
    return String.join(",", roster.activeSoos(caseCode));
  }
}
