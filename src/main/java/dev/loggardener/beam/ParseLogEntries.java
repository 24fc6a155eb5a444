package dev.loggardener.beam;

import dev.loggardener.logentry.LogEntryParser;
import dev.loggardener.logentry.ParseResult;
import dev.loggardener.sink.DeadLetter;
import java.time.Clock;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.metrics.Metrics;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.TupleTag;
import org.apache.beam.sdk.values.TupleTagList;
import org.joda.time.Duration;
import org.joda.time.Instant;

/**
 * Parses raw messages into log entries and moves each entry to its own event time.
 *
 * <p>Bounded or unbounded. Each parsed entry is re-stamped with the entry's timestamp (or the
 * parser's fallback: receive timestamp, then the {@code logging.googleapis.com/timestamp}
 * attribute). That usually moves elements back in time, behind the source's timestamp (publish time
 * for Pub/Sub), which Beam refuses unless the DoFn allows unlimited skew; the entries this makes
 * late are handled by the aggregation's allowed lateness and too-late routing. Rejected messages
 * become dead letters (stage {@code parse}, reason = the parser's reason code). A message on which
 * the parser throws instead (a bug, or a stack overflow on input nested deeper than the thread's
 * stack when the parser's depth limit allows it) becomes a dead letter with stage {@code parse} and
 * reason {@code parse_failed}, carrying the exception, so one message can neither fail its bundle
 * nor make the runner retry the bundle for ever. Counters: {@code parse/read}, {@code
 * parse/parsed}, {@code parse/rejected}, {@code parse/rejected_<reason>} and {@code
 * parse/parse_failed} (a name of its own, since dashboards sum counters by name across stages).
 */
public final class ParseLogEntries
    extends PTransform<PCollection<RawMessage>, StageResult<ParsedEntry>> {
  private static final TupleTag<ParsedEntry> PARSED = new TupleTag<>() {};
  private static final TupleTag<DeadLetter> REJECTED = new TupleTag<>() {};

  private final LogEntryParser parser;
  private final String ruleSetVersion;
  private final Clock clock;

  private ParseLogEntries(LogEntryParser parser, String ruleSetVersion, Clock clock) {
    this.parser = parser;
    this.ruleSetVersion = ruleSetVersion;
    this.clock = clock;
  }

  /**
   * Parses with the given parser.
   *
   * @param ruleSetVersion the rule-set version recorded in dead letters
   * @param clock the clock that stamps dead letters' processing time
   */
  public static ParseLogEntries with(LogEntryParser parser, String ruleSetVersion, Clock clock) {
    return new ParseLogEntries(parser, ruleSetVersion, clock);
  }

  @Override
  public StageResult<ParsedEntry> expand(PCollection<RawMessage> input) {
    PipelineCoders.registerOn(input.getPipeline());
    PCollectionTuple results =
        input.apply(
            "ParseMessages",
            ParDo.of(new ParseFn(parser, ruleSetVersion, clock))
                .withOutputTags(PARSED, TupleTagList.of(REJECTED)));
    return StageResult.of(results.get(PARSED), results.get(REJECTED));
  }

  private static final class ParseFn extends DoFn<RawMessage, ParsedEntry> {
    private final Counter read = Metrics.counter("parse", "read");
    private final Counter parsed = Metrics.counter("parse", "parsed");
    private final Counter rejected = Metrics.counter("parse", "rejected");
    private final Counter failed = Metrics.counter("parse", "parse_failed");
    private final LogEntryParser parser;
    private final String ruleSetVersion;
    private final Clock clock;

    ParseFn(LogEntryParser parser, String ruleSetVersion, Clock clock) {
      this.parser = parser;
      this.ruleSetVersion = ruleSetVersion;
      this.clock = clock;
    }

    @Override
    @SuppressWarnings("deprecation")
    public Duration getAllowedTimestampSkew() {
      return Duration.millis(Long.MAX_VALUE);
    }

    @ProcessElement
    public void process(@Element RawMessage raw, MultiOutputReceiver out) {
      read.inc();
      ParseResult result;
      try {
        result = parser.parse(raw.payload(), raw.attributes());
      } catch (RuntimeException | StackOverflowError e) {
        // Both come from this one message; the stack has unwound by the time it is caught.
        failed.inc();
        out.get(REJECTED).output(failure(raw, e));
        return;
      }
      if (result instanceof ParseResult.Parsed p) {
        parsed.inc();
        out.get(PARSED)
            .outputWithTimestamp(
                new ParsedEntry(raw, p.entry()), new Instant(p.entry().timestamp().toEpochMilli()));
      } else if (result instanceof ParseResult.Rejected r) {
        rejected.inc();
        Metrics.counter("parse", "rejected_" + r.reason().code()).inc();
        out.get(REJECTED)
            .output(
                new DeadLetter(
                    raw.payload(),
                    raw.attributes(),
                    raw.messageId(),
                    DeadLetter.Stage.PARSE,
                    r.reason().code(),
                    null,
                    r.detail(),
                    null,
                    null,
                    clock.instant(),
                    ruleSetVersion));
      }
    }

    private DeadLetter failure(RawMessage raw, Throwable e) {
      return new DeadLetter(
          raw.payload(),
          raw.attributes(),
          raw.messageId(),
          DeadLetter.Stage.PARSE,
          "parse_failed",
          e.getClass().getName(),
          e.getMessage(),
          DeadLetter.truncatedStackTrace(e),
          null,
          clock.instant(),
          ruleSetVersion);
    }
  }
}
