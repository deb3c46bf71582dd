package uk.police.daoversight.security;

import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * New and changed passwords are hashed with {@link Pbkdf2PasswordEncryptor}; hashes the engine made
 * before (its salted SHA-512) still check: the engine's password manager knows them, and they are
 * replaced by the current hash at the user's next successful login ({@link RehashingIdentityProvider}).
 */
@Component
public class PasswordHashPlugin extends AbstractProcessEnginePlugin {

  private final int iterations;

  public PasswordHashPlugin(@Value("${oversight.passwords.pbkdf2-iterations:210000}") int iterations) {
    this.iterations = iterations;
  }

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    // The engine's password manager keeps its own SHA and SHA-512 checkers beside the default encryptor.
    Pbkdf2PasswordEncryptor pbkdf2 = new Pbkdf2PasswordEncryptor(iterations);
    configuration.setPasswordEncryptor(pbkdf2);
    // Older hashes are replaced by the current one at the user's next successful login.
    configuration.setIdentityProviderSessionFactory(RehashingIdentityProvider.factory(pbkdf2));
  }
}
