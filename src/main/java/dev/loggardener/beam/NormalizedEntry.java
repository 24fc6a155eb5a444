package dev.loggardener.beam;

import dev.loggardener.aggregate.IssueObservation;
import java.io.Serializable;
import java.util.Objects;

/**
 * A fingerprinted entry on its way to aggregation, with the raw message kept for dead letters.
 *
 * @param raw the message as received
 * @param identity the entry's {@link dev.loggardener.aggregate.EntryIdentity}
 * @param observation what aggregation counts
 */
public record NormalizedEntry(RawMessage raw, String identity, IssueObservation observation)
    implements Serializable {
  public NormalizedEntry {
    Objects.requireNonNull(raw, "raw");
    Objects.requireNonNull(identity, "identity");
    Objects.requireNonNull(observation, "observation");
  }
}
