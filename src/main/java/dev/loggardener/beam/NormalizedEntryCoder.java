package dev.loggardener.beam;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import org.apache.beam.sdk.coders.AtomicCoder;

/** Coder for {@link NormalizedEntry}: the raw message, the identity and the observation. */
public final class NormalizedEntryCoder extends AtomicCoder<NormalizedEntry> {
  private static final NormalizedEntryCoder INSTANCE = new NormalizedEntryCoder();

  private NormalizedEntryCoder() {}

  /** The shared instance. */
  public static NormalizedEntryCoder of() {
    return INSTANCE;
  }

  @Override
  public void encode(NormalizedEntry value, OutputStream out) throws IOException {
    RawMessageCoder.of().encode(value.raw(), out);
    CoderFields.writeString(value.identity(), out);
    IssueObservationCoder.of().encode(value.observation(), out);
  }

  @Override
  public NormalizedEntry decode(InputStream in) throws IOException {
    return new NormalizedEntry(
        RawMessageCoder.of().decode(in),
        CoderFields.readString(in),
        IssueObservationCoder.of().decode(in));
  }

  @Override
  public void verifyDeterministic() {}
}
