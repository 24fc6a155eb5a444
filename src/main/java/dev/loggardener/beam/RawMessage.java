package dev.loggardener.beam;

import java.io.Serializable;
import java.util.Arrays;
import java.util.Map;
import java.util.Objects;

/**
 * One message as the transport delivered it, before parsing: kept so that any later stage can
 * dead-letter it byte for byte.
 *
 * @param payload the payload exactly as received
 * @param attributes the Pub/Sub attributes; empty for files
 * @param messageId the Pub/Sub message id, or {@code FILE#INDEX} for file input
 */
public record RawMessage(byte[] payload, Map<String, String> attributes, String messageId)
    implements Serializable {
  public RawMessage {
    Objects.requireNonNull(payload, "payload");
    attributes = attributes == null ? Map.of() : Map.copyOf(attributes);
    Objects.requireNonNull(messageId, "messageId");
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof RawMessage m
        && Arrays.equals(payload, m.payload)
        && attributes.equals(m.attributes)
        && messageId.equals(m.messageId);
  }

  @Override
  public int hashCode() {
    return Objects.hash(Arrays.hashCode(payload), attributes, messageId);
  }

  @Override
  public String toString() {
    return "RawMessage[" + messageId + ", " + payload.length + " bytes]";
  }
}
