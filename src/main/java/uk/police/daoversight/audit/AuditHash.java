package uk.police.daoversight.audit;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;

/** The hash chain of the access record: SHA-256 over the row's fields and the hash of the row before. */
final class AuditHash {

  static final String GENESIS = "0000000000000000000000000000000000000000000000000000000000000000";

  record Fields(long seq, Instant occurredAt, String userId, String caseCode, String attempted, String action, String outcome,
                String detail, String purpose, String purposeNote, String recipient, String prevHash) {}

  private AuditHash() {}

  static String of(Fields f) {
    StringBuilder text = new StringBuilder(256);
    text.append(f.prevHash()).append('|').append(f.seq()).append('|').append(f.occurredAt().toEpochMilli());
    for (String value : new String[] {f.userId(), f.caseCode(), f.attempted(), f.action(), f.outcome(), f.detail(), f.purpose(),
        f.purposeNote(), f.recipient()}) {
      // Length-prefixed, so no choice of values can make two different rows hash alike.
      text.append('|');
      if (value == null) {
        text.append('-');
      } else {
        text.append(value.length()).append(':').append(value);
      }
    }
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.toString().getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
