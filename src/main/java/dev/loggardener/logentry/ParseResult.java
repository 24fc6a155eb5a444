package dev.loggardener.logentry;

import java.io.Serializable;
import java.util.Objects;

/** The outcome of parsing one message: a {@link Parsed} entry or a {@link Rejected} input. */
public sealed interface ParseResult extends Serializable {

  /** A message that parsed into an entry. */
  record Parsed(LogEntry entry) implements ParseResult {
    public Parsed {
      Objects.requireNonNull(entry, "entry");
    }
  }

  /** A message the parser refused, with a stable reason and a human-readable detail. */
  record Rejected(RejectReason reason, String detail) implements ParseResult {
    public Rejected {
      Objects.requireNonNull(reason, "reason");
      detail = detail == null ? "" : detail;
    }
  }
}
