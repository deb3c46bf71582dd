package uk.police.daoversight.audit;

import java.util.List;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import uk.police.daoversight.config.BadRequestException;

/**
 * Why an identity was read (DPA 2018 s.62(3)(a), the justification of a consultation): a code from
 * the force's short list ({@code access_purpose}: the force adds a row to extend it) plus optional
 * words. A read without one of the codes is refused with a 400 that names the list.
 */
@Component
public class Purposes {

  public static final int NOTE_MAX = 500;

  public record Purpose(String code, String label) {}

  private final JdbcTemplate jdbc;

  public Purposes(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  public List<Purpose> all() {
    return jdbc.query("select code, label from access_purpose order by code", (rs, i) -> new Purpose(rs.getString(1), rs.getString(2)));
  }

  /** The purpose and note, checked; a 400 naming the list if the purpose is missing or not one of them. */
  public Purpose require(String code, String note) {
    List<Purpose> all = all();
    Purpose found = code == null ? null : all.stream().filter(p -> p.code().equalsIgnoreCase(code.trim())).findFirst().orElse(null);
    if (found == null) {
      throw new BadRequestException("Say why you are reading this: 'purpose' must be one of "
          + all.stream().map(p -> p.code() + " (" + p.label() + ")").collect(Collectors.joining(", "))
          + "; 'note' may add up to " + NOTE_MAX + " characters");
    }
    if (note != null && note.length() > NOTE_MAX) {
      throw new BadRequestException("'note' may have up to " + NOTE_MAX + " characters");
    }
    return found;
  }

  /** A disclosure's recipient: required, up to 200 characters. */
  public static String requireRecipient(String recipient) {
    if (recipient == null || recipient.isBlank()) {
      throw new BadRequestException("A disclosure needs its recipient: 'recipient' names who receives this export (person or body)");
    }
    if (recipient.length() > 200) {
      throw new BadRequestException("'recipient' may have up to 200 characters");
    }
    return recipient.trim();
  }
}
