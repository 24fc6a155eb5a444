package dev.loggardener.beam;

import dev.loggardener.aggregate.EntryDigest;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import org.apache.beam.sdk.coders.AtomicCoder;

/** Coder for entry digests: their 16 bytes, big-endian, deterministic. */
final class EntryDigestCoder extends AtomicCoder<EntryDigest> {
  private static final EntryDigestCoder INSTANCE = new EntryDigestCoder();

  private EntryDigestCoder() {}

  static EntryDigestCoder of() {
    return INSTANCE;
  }

  @Override
  public void encode(EntryDigest value, OutputStream out) throws IOException {
    DataOutputStream data = new DataOutputStream(out);
    data.writeLong(value.high());
    data.writeLong(value.low());
  }

  @Override
  public EntryDigest decode(InputStream in) throws IOException {
    DataInputStream data = new DataInputStream(in);
    return new EntryDigest(data.readLong(), data.readLong());
  }

  @Override
  public void verifyDeterministic() {}
}
