package dev.loggardener.beam;

import dev.loggardener.aggregate.IssueIdentity;
import dev.loggardener.aggregate.IssueObservation;
import dev.loggardener.logentry.Severity;
import dev.loggardener.logentry.SourceLocation;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import org.apache.beam.sdk.coders.AtomicCoder;

/** Compact, deterministic coder for {@link IssueObservation}, the element of the hot shuffles. */
public final class IssueObservationCoder extends AtomicCoder<IssueObservation> {
  private static final IssueObservationCoder INSTANCE = new IssueObservationCoder();
  private static final IssueIdentityCoder IDENTITY = IssueIdentityCoder.of();
  private static final Severity[] SEVERITIES = Severity.values();

  private IssueObservationCoder() {}

  /** The shared instance. */
  public static IssueObservationCoder of() {
    return INSTANCE;
  }

  @Override
  public void encode(IssueObservation o, OutputStream out) throws IOException {
    IDENTITY.encode(o.identity(), out);
    out.write(o.severity().ordinal());
    CoderFields.writeInstant(o.timestamp(), out);
    CoderFields.writeString(o.message(), out);
    CoderFields.writeNullableString(o.insertId(), out);
    CoderFields.writeNullableString(o.trace(), out);
    CoderFields.writeNullableString(o.version(), out);
    CoderFields.writeNullableString(o.instance(), out);
    SourceLocation location = o.sourceLocation();
    out.write(location == null ? 0 : 1);
    if (location != null) {
      CoderFields.writeLocation(location, out);
    }
    CoderFields.writeNullableLong(o.httpStatus() == null ? null : (long) o.httpStatus(), out);
  }

  @Override
  public IssueObservation decode(InputStream in) throws IOException {
    IssueIdentity identity = IDENTITY.decode(in);
    Severity severity = SEVERITIES[in.read()];
    java.time.Instant timestamp = CoderFields.readInstant(in);
    String message = CoderFields.readString(in);
    String insertId = CoderFields.readNullableString(in);
    String trace = CoderFields.readNullableString(in);
    String version = CoderFields.readNullableString(in);
    String instance = CoderFields.readNullableString(in);
    SourceLocation location = CoderFields.present(in) ? CoderFields.readLocation(in) : null;
    Long status = CoderFields.readNullableLong(in);
    return new IssueObservation(
        identity,
        severity,
        timestamp,
        message,
        insertId,
        trace,
        version,
        instance,
        location,
        status == null ? null : status.intValue());
  }

  @Override
  public void verifyDeterministic() {}
}
