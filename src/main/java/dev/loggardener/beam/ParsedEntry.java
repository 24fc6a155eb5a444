package dev.loggardener.beam;

import dev.loggardener.logentry.LogEntry;
import java.io.Serializable;
import java.util.Objects;

/**
 * A parsed entry with the raw message it came from, so that normalization can dead-letter it.
 *
 * @param raw the message as received
 * @param entry the parsed entry
 */
public record ParsedEntry(RawMessage raw, LogEntry entry) implements Serializable {
  public ParsedEntry {
    Objects.requireNonNull(raw, "raw");
    Objects.requireNonNull(entry, "entry");
  }
}
