package dev.loggardener.scenario;

import dev.loggardener.logentry.Severity;
import java.util.SplittableRandom;

/**
 * Builds the entries of one generated day: picks the serving instance, numbers insert ids and draws
 * trace, span and request ids, all from the day's single seeded random source.
 */
final class EntryFactory {
  private static final long DAY_MICROS = 86_400_000_000L;

  /** The request an entry was logged in: one instance, one trace, one request id. */
  record Context(
      CloudRunTopology.Instance instance, String trace, String spanId, String requestId) {}

  final SplittableRandom random;
  private final CloudRunTopology topology;
  private final long dayStartMicros;
  private long sequence;

  EntryFactory(SplittableRandom random, long dayStartMicros) {
    this.random = random;
    this.topology = new CloudRunTopology(random);
    this.dayStartMicros = dayStartMicros;
  }

  /** A fresh request context on the instance of {@code service} serving at {@code micros}. */
  Context context(String service, long micros) {
    double dayFraction = (double) (micros - dayStartMicros) / DAY_MICROS;
    return new Context(
        topology.pick(service, dayFraction, random),
        RandomText.hex(random, 32),
        RandomText.hex(random, 16),
        RandomText.uuid(random));
  }

  /** An application log line written through Python logging to stdout. */
  Entry log(
      Context context,
      long micros,
      Severity severity,
      String logger,
      String message,
      Entry.Source source,
      Entry.Access access) {
    return new Entry(
        micros,
        receiveDelay(),
        insertId(micros),
        context.instance(),
        severity,
        "stdout",
        logger,
        message,
        access == null ? context.requestId() : null,
        source,
        access,
        context.trace(),
        context.spanId());
  }

  /** A planted message from its member's logger and source location. */
  Entry planted(Context context, long micros, Member member, String message, Entry.Access access) {
    return log(
        context,
        micros,
        member.severity,
        member.module,
        message,
        new Entry.Source(member.file, member.line, member.function),
        access);
  }

  /** A Cloud Run request log: no payload, just the request. */
  Entry request(Context context, long micros, Entry.Access access) {
    return new Entry(
        micros,
        receiveDelay(),
        insertId(micros),
        context.instance(),
        Severity.INFO,
        "requests",
        null,
        null,
        null,
        null,
        access,
        context.trace(),
        context.spanId());
  }

  private long receiveDelay() {
    return 20_000_000L + random.nextLong(380_000_000L);
  }

  private String insertId(long micros) {
    return hex8(micros / 1_000_000L) + hex8(sequence++) + RandomText.hex(random, 8);
  }

  private static String hex8(long value) {
    String hex = Long.toHexString(value & 0xffffffffL);
    return "00000000".substring(hex.length()) + hex;
  }
}
