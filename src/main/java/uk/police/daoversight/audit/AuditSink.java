package uk.police.daoversight.audit;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Optionally, every access record row also goes as one JSON line to a file a SIEM reads
 * ({@code oversight.audit.sink-file}; unset: no sink). Written once the row is committed.
 */
@Component
public class AuditSink {

  private static final Logger LOG = LoggerFactory.getLogger(AuditSink.class);
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Path file;

  public AuditSink(@Value("${oversight.audit.sink-file:}") String file) {
    this.file = file == null || file.isBlank() ? null : Path.of(file);
  }

  void write(List<AuditHash.Fields> rows) {
    if (file == null || rows == null || rows.isEmpty()) {
      return;
    }
    if (TransactionSynchronizationManager.isSynchronizationActive()) {
      TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
        @Override
        public void afterCommit() {
          append(rows);
        }
      });
    } else {
      append(rows);
    }
  }

  private synchronized void append(List<AuditHash.Fields> rows) {
    StringBuilder lines = new StringBuilder();
    for (AuditHash.Fields f : rows) {
      ObjectNode line = JSON.createObjectNode();
      line.put("seq", f.seq()).put("occurredAt", f.occurredAt().toString()).put("userId", f.userId())
          .put("caseCode", f.caseCode()).put("attempted", f.attempted()).put("action", f.action()).put("outcome", f.outcome())
          .put("detail", f.detail()).put("purpose", f.purpose()).put("purposeNote", f.purposeNote())
          .put("recipient", f.recipient()).put("prevHash", f.prevHash()).put("hash", AuditHash.of(f));
      lines.append(line).append('\n');
    }
    try {
      Files.writeString(file, lines, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    } catch (IOException e) {
      LOG.error("Access record sink {} not written ({} rows): {}", file, rows.size(), e.getClass().getSimpleName());
    }
  }
}
