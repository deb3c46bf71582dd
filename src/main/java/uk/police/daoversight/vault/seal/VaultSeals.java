package uk.police.daoversight.vault.seal;

import java.time.Clock;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** Hands out a case's {@link CaseSeal}; one key look-up per case per use. */
@Component
public class VaultSeals {

  private final CaseKeys keys;

  @Autowired
  public VaultSeals(JdbcTemplate jdbc, VaultKek kek, Clock clock) {
    this(new CaseKeys(jdbc, kek, clock));
  }

  public VaultSeals(CaseKeys keys) {
    this.keys = keys;
  }

  /** The case's seal (its key made if it has none yet); an erased case's seal opens nothing. */
  public CaseSeal of(String caseCode) {
    try {
      return new CaseSeal(caseCode, keys.aead(caseCode));
    } catch (CaseKeys.ErasedException erased) {
      return CaseSeal.erased(caseCode);
    }
  }

  public CaseKeys keys() {
    return keys;
  }
}
