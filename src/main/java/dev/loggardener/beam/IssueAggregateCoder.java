package dev.loggardener.beam;

import dev.loggardener.aggregate.IssueAggregate;
import dev.loggardener.aggregate.IssueExample;
import dev.loggardener.aggregate.IssueIdentity;
import dev.loggardener.logentry.Severity;
import dev.loggardener.logentry.SourceLocation;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.beam.sdk.coders.CustomCoder;

/**
 * Compact coder for partial aggregates. They cross the shuffle between the two combine phases and
 * sit in the runner's grouping state, which the DirectRunner copies through the coder on every
 * bundle that touches a key; Java serialization made that copy a tenth of a local run's CPU.
 */
final class IssueAggregateCoder extends CustomCoder<IssueAggregate> {
  private static final IssueAggregateCoder INSTANCE = new IssueAggregateCoder();
  private static final IssueIdentityCoder IDENTITY = IssueIdentityCoder.of();
  private static final Severity[] SEVERITIES = Severity.values();

  private IssueAggregateCoder() {}

  static IssueAggregateCoder of() {
    return INSTANCE;
  }

  @Override
  public void encode(IssueAggregate a, OutputStream out) throws IOException {
    IDENTITY.encode(a.identity(), out);
    out.write(a.maxSeverity().ordinal());
    CoderFields.writeLong(a.entryCount(), out);
    CoderFields.writeInstant(a.firstSeen(), out);
    CoderFields.writeInstant(a.lastSeen(), out);
    CoderFields.writeLong(a.examples().size(), out);
    for (IssueExample example : a.examples()) {
      CoderFields.writeString(example.message(), out);
      CoderFields.writeInstant(example.timestamp(), out);
      CoderFields.writeNullableString(example.insertId(), out);
      CoderFields.writeNullableString(example.trace(), out);
    }
    writeStrings(a.versions(), out);
    writeStrings(a.instances(), out);
    CoderFields.writeLong(a.sourceLocations().size(), out);
    for (SourceLocation location : a.sourceLocations()) {
      CoderFields.writeLocation(location, out);
    }
    CoderFields.writeLong(a.httpStatusClasses().size(), out);
    for (Map.Entry<String, Long> status : new TreeMap<>(a.httpStatusClasses()).entrySet()) {
      CoderFields.writeString(status.getKey(), out);
      CoderFields.writeLong(status.getValue(), out);
    }
    writeStrings(a.traceIds(), out);
  }

  @Override
  public IssueAggregate decode(InputStream in) throws IOException {
    IssueIdentity identity = IDENTITY.decode(in);
    Severity maxSeverity = SEVERITIES[in.read()];
    long entryCount = CoderFields.readLong(in);
    java.time.Instant firstSeen = CoderFields.readInstant(in);
    java.time.Instant lastSeen = CoderFields.readInstant(in);
    int exampleCount = (int) CoderFields.readLong(in);
    List<IssueExample> examples = new ArrayList<>(exampleCount);
    for (int i = 0; i < exampleCount; i++) {
      examples.add(
          new IssueExample(
              CoderFields.readString(in),
              CoderFields.readInstant(in),
              CoderFields.readNullableString(in),
              CoderFields.readNullableString(in)));
    }
    List<String> versions = readStrings(in);
    List<String> instances = readStrings(in);
    int locationCount = (int) CoderFields.readLong(in);
    List<SourceLocation> locations = new ArrayList<>(locationCount);
    for (int i = 0; i < locationCount; i++) {
      locations.add(CoderFields.readLocation(in));
    }
    int statusCount = (int) CoderFields.readLong(in);
    Map<String, Long> statuses = new TreeMap<>();
    for (int i = 0; i < statusCount; i++) {
      statuses.put(CoderFields.readString(in), CoderFields.readLong(in));
    }
    List<String> traceIds = readStrings(in);
    return new IssueAggregate(
        identity,
        maxSeverity,
        entryCount,
        firstSeen,
        lastSeen,
        examples,
        versions,
        instances,
        locations,
        statuses,
        traceIds);
  }

  /** Same fields in the same order always give the same bytes (the status map is sorted). */
  @Override
  public void verifyDeterministic() {}

  private static void writeStrings(List<String> values, OutputStream out) throws IOException {
    CoderFields.writeLong(values.size(), out);
    for (String value : values) {
      CoderFields.writeString(value, out);
    }
  }

  private static List<String> readStrings(InputStream in) throws IOException {
    int count = (int) CoderFields.readLong(in);
    List<String> values = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      values.add(CoderFields.readString(in));
    }
    return values;
  }
}
