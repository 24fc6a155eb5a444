package dev.loggardener.beam;

import dev.loggardener.aggregate.IssueIdentity;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import org.apache.beam.sdk.coders.AtomicCoder;

/**
 * Compact, deterministic coder for {@link IssueIdentity}: the one place that encodes identity
 * fields, for every coder whose element carries an identity.
 */
public final class IssueIdentityCoder extends AtomicCoder<IssueIdentity> {
  private static final IssueIdentityCoder INSTANCE = new IssueIdentityCoder();

  private IssueIdentityCoder() {}

  /** The shared instance. */
  public static IssueIdentityCoder of() {
    return INSTANCE;
  }

  @Override
  public void encode(IssueIdentity identity, OutputStream out) throws IOException {
    CoderFields.writeString(identity.fingerprint(), out);
    CoderFields.writeNullableString(identity.projectId(), out);
    CoderFields.writeString(identity.resourceType(), out);
    CoderFields.writeString(identity.service(), out);
    CoderFields.writeNullableString(identity.logger(), out);
    CoderFields.writeNullableString(identity.exceptionType(), out);
    CoderFields.writeString(identity.template(), out);
    CoderFields.writeString(identity.ruleSetVersion(), out);
  }

  @Override
  public IssueIdentity decode(InputStream in) throws IOException {
    return new IssueIdentity(
        CoderFields.readString(in),
        CoderFields.readNullableString(in),
        CoderFields.readString(in),
        CoderFields.readString(in),
        CoderFields.readNullableString(in),
        CoderFields.readNullableString(in),
        CoderFields.readString(in),
        CoderFields.readString(in));
  }

  /** Same fields always give the same bytes. */
  @Override
  public void verifyDeterministic() {}
}
