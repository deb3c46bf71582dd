package uk.police.daoversight.security;

import org.camunda.bpm.engine.impl.cfg.TransactionState;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.identity.db.DbIdentityServiceProvider;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.interceptor.CommandExecutor;
import org.camunda.bpm.engine.impl.interceptor.Session;
import org.camunda.bpm.engine.impl.interceptor.SessionFactory;
import org.camunda.bpm.engine.impl.persistence.entity.UserEntity;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The engine's own identity provider, with one addition (issue #17 item 4): a user whose stored hash
 * is older than the current one (the engine's SHA-512 or SHA-1, or PBKDF2 with fewer iterations than
 * configured) gets the current PBKDF2 hash at their next successful login, through whatever path
 * checks the password (the webapps' login, HTTP Basic on {@code /api} and engine-rest). A wrong
 * password changes nothing but the engine's login throttling.
 *
 * <p>The new hash is written after the login's own transaction has committed, in a transaction of
 * its own, and only if the stored hash is still the one that matched: two nodes logging the same
 * user in at once cannot fail a login over it (the loser's update is skipped and tried at a later
 * login).
 */
public class RehashingIdentityProvider extends DbIdentityServiceProvider {

  private static final Logger log = LoggerFactory.getLogger(RehashingIdentityProvider.class);

  private final Pbkdf2PasswordEncryptor current;

  RehashingIdentityProvider(Pbkdf2PasswordEncryptor current) {
    this.current = current;
  }

  /** The engine's session factory for this provider (read-only and writable identity provider alike). */
  static SessionFactory factory(Pbkdf2PasswordEncryptor current) {
    return new SessionFactory() {
      @Override
      public Class<?> getSessionType() {
        return RehashingIdentityProvider.class;
      }

      @Override
      public Session openSession() {
        return new RehashingIdentityProvider(current);
      }
    };
  }

  @Override
  public boolean checkPassword(String userId, String password) {
    if (!super.checkPassword(userId, password)) {
      return false;
    }
    UserEntity user = findUserById(userId);
    String matched = user.getPassword();
    if (!current.isCurrent(matched)) {
      // After the commit the engine's context is gone: the new transaction is started from here.
      CommandExecutor requiresNew = Context.getProcessEngineConfiguration().getCommandExecutorTxRequiresNew();
      Context.getCommandContext().getTransactionContext()
          .addTransactionListener(TransactionState.COMMITTED, committed -> upgrade(requiresNew, userId, password, matched));
    }
    return true;
  }

  private static void upgrade(CommandExecutor requiresNew, String userId, String password, String matched) {
    try {
      requiresNew.execute((CommandContext context) -> {
        UserEntity user = context.getDbEntityManager().selectById(UserEntity.class, userId);
        if (user != null && matched.equals(user.getPassword())) {
          // A new engine salt and the default encryptor's hash; the entity cache writes it at flush.
          user.setPassword(password);
          user.encryptPassword();
        }
        return null;
      });
    } catch (RuntimeException e) {
      // The login stands; the older hash still checks and is upgraded at a later login. No user id here.
      log.warn("An older password hash could not be upgraded at login ({}); it is upgraded at a later login",
          e.getClass().getSimpleName());
      log.debug("Password hash upgrade failed", e);
    }
  }
}
