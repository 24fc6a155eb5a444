package dev.loggardener.beam;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.beam.sdk.coders.AtomicCoder;
import org.apache.beam.sdk.coders.ByteArrayCoder;

/** Compact, deterministic coder for {@link RawMessage}: payload bytes, attributes, message id. */
public final class RawMessageCoder extends AtomicCoder<RawMessage> {
  private static final RawMessageCoder INSTANCE = new RawMessageCoder();
  private static final ByteArrayCoder BYTES = ByteArrayCoder.of();

  private RawMessageCoder() {}

  /** The shared instance. */
  public static RawMessageCoder of() {
    return INSTANCE;
  }

  @Override
  public void encode(RawMessage value, OutputStream out) throws IOException {
    BYTES.encode(value.payload(), out);
    CoderFields.writeLong(value.attributes().size(), out);
    for (Map.Entry<String, String> attribute :
        new java.util.TreeMap<>(value.attributes()).entrySet()) {
      CoderFields.writeString(attribute.getKey(), out);
      CoderFields.writeString(attribute.getValue(), out);
    }
    CoderFields.writeString(value.messageId(), out);
  }

  @Override
  public RawMessage decode(InputStream in) throws IOException {
    byte[] payload = BYTES.decode(in);
    long size = CoderFields.readLong(in);
    Map<String, String> attributes = new LinkedHashMap<>();
    for (long i = 0; i < size; i++) {
      attributes.put(CoderFields.readString(in), CoderFields.readString(in));
    }
    return new RawMessage(payload, attributes, CoderFields.readString(in));
  }

  @Override
  public void verifyDeterministic() {}
}
