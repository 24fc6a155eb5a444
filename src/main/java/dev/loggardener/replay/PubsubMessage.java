package dev.loggardener.replay;

import java.util.Map;
import java.util.Objects;

/**
 * One message as a Cloud Logging sink publishes it.
 *
 * @param data the payload, the LogEntry JSON exactly as it will be delivered
 * @param attributes the message attributes, {@code logging.googleapis.com/timestamp} among them
 *     when the entry has a time
 */
public record PubsubMessage(byte[] data, Map<String, String> attributes) {
  /** The attribute a log sink sets to the entry's timestamp. */
  public static final String TIMESTAMP_ATTRIBUTE = "logging.googleapis.com/timestamp";

  public PubsubMessage {
    Objects.requireNonNull(data, "data");
    attributes = Map.copyOf(attributes);
  }
}
