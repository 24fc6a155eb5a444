package dev.loggardener.beam;

import dev.loggardener.aggregate.EntryIdentity;
import dev.loggardener.aggregate.IssueIdentity;
import dev.loggardener.aggregate.IssueObservation;
import dev.loggardener.logentry.LogEntry;
import dev.loggardener.normalize.Findings;
import dev.loggardener.normalize.Fingerprint;
import dev.loggardener.normalize.Fingerprinter;
import dev.loggardener.normalize.RuleSet;
import dev.loggardener.sink.DeadLetter;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.metrics.Metrics;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.TupleTag;
import org.apache.beam.sdk.values.TupleTagList;

/**
 * Redacts, normalizes and fingerprints parsed entries, keeping only what aggregation needs.
 *
 * <p>Bounded or unbounded; element timestamps are kept. The message and template that travel on are
 * redacted by the {@link Fingerprinter}. An entry for which the fingerprinter throws (a bug, or a
 * stack overflow in a rule's regex on a long message, not expected input) becomes a dead letter
 * with stage {@code normalize} and reason {@code fingerprint_failed}, carrying the exception, so
 * one bad entry cannot stall the stream. Counters: {@code normalize/fingerprinted}, {@code
 * normalize/failed}, and one per redaction class, {@code normalize/redacted/<class>} (the id of the
 * detector or rule that removed a value, or {@code once-secret} for a value removed again elsewhere
 * in its entry), counting values, never showing them.
 */
public final class NormalizeEntries
    extends PTransform<PCollection<ParsedEntry>, StageResult<NormalizedEntry>> {
  private static final TupleTag<NormalizedEntry> NORMALIZED = new TupleTag<>() {};
  private static final TupleTag<DeadLetter> FAILED = new TupleTag<>() {};

  /** Counter names of redaction classes start with this, in namespace {@code normalize}. */
  public static final String REDACTED_PREFIX = "redacted/";

  private final RuleSet rules;
  private final Clock clock;

  private NormalizeEntries(RuleSet rules, Clock clock) {
    this.rules = rules;
    this.clock = clock;
  }

  /**
   * Normalizes with a {@link Fingerprinter} of the given rules.
   *
   * @param clock the clock that stamps dead letters' processing time
   */
  public static NormalizeEntries with(RuleSet rules, Clock clock) {
    return new NormalizeEntries(rules, clock);
  }

  @Override
  public StageResult<NormalizedEntry> expand(PCollection<ParsedEntry> input) {
    PipelineCoders.registerOn(input.getPipeline());
    PCollectionTuple results =
        input.apply(
            "FingerprintEntries",
            ParDo.of(new FingerprintFn(rules, clock))
                .withOutputTags(NORMALIZED, TupleTagList.of(FAILED)));
    return StageResult.of(
        results.get(NORMALIZED).setCoder(NormalizedEntryCoder.of()), results.get(FAILED));
  }

  /**
   * The stage's work on one entry apart from its counters: fingerprint it, recording in {@code
   * findings} what redaction removed, and keep what deduplication and aggregation need. Public so
   * that the stream path's CPU bench runs exactly this.
   */
  public static NormalizedEntry normalize(
      ParsedEntry parsed, Fingerprinter fingerprinter, Findings findings) {
    LogEntry entry = parsed.entry();
    return new NormalizedEntry(
        parsed.raw(),
        EntryIdentity.of(
            entry.logName(), entry.timestamp(), entry.insertId(), parsed.raw().messageId()),
        observe(entry, fingerprinter.fingerprint(entry, findings)));
  }

  /** What aggregation keeps of an entry; every text that can carry data is already redacted. */
  static IssueObservation observe(LogEntry e, Fingerprint f) {
    return new IssueObservation(
        new IssueIdentity(
            f.id(),
            e.service().projectId(),
            e.service().resourceType(),
            e.service().service(),
            e.logger(),
            e.stackTrace() == null ? null : e.stackTrace().exceptionType(),
            f.template(),
            f.ruleSetVersion()),
        e.severity(),
        e.timestamp(),
        f.redactedMessage(),
        e.insertId(),
        e.trace(),
        e.service().version(),
        e.service().instance(),
        e.sourceLocation(),
        e.httpRequest() == null ? null : e.httpRequest().status());
  }

  /**
   * Holds the rules, which travel as their text and compile once per JVM, and builds its
   * fingerprinter (guards, caches) once per instance: the DirectRunner serializes and deserializes
   * a DoFn for every bundle it runs, so what it carries must be cheap to copy.
   */
  private static final class FingerprintFn extends DoFn<ParsedEntry, NormalizedEntry> {
    private final Counter fingerprinted = Metrics.counter("normalize", "fingerprinted");
    private final Counter failed = Metrics.counter("normalize", "failed");
    private final Map<String, Counter> redacted = new HashMap<>();
    private final RuleSet rules;
    private final Clock clock;
    private transient Fingerprinter fingerprinter;

    FingerprintFn(RuleSet rules, Clock clock) {
      this.rules = rules;
      this.clock = clock;
    }

    @Setup
    public void setup() {
      fingerprinter = new Fingerprinter(rules);
    }

    @ProcessElement
    public void process(@Element ParsedEntry parsed, MultiOutputReceiver out) {
      Findings findings = new Findings();
      NormalizedEntry normalized;
      try {
        normalized = normalize(parsed, fingerprinter, findings);
      } catch (RuntimeException | StackOverflowError e) {
        // Both come from this one entry (a rule's regex recursing over a long message overflows the
        // stack); the stack has unwound by the time it is caught.
        failed.inc();
        out.get(FAILED).output(failure(parsed, e));
        return;
      }
      fingerprinted.inc();
      findings
          .counts()
          .forEach((redactionClass, count) -> redactedCounter(redactionClass).inc(count));
      out.get(NORMALIZED).output(normalized);
    }

    /** The counter of one redaction class, made on first use: the classes come from the rules. */
    private Counter redactedCounter(String redactionClass) {
      return redacted.computeIfAbsent(
          redactionClass, c -> Metrics.counter("normalize", REDACTED_PREFIX + c));
    }

    private DeadLetter failure(ParsedEntry parsed, Throwable e) {
      return new DeadLetter(
          parsed.raw().payload(),
          parsed.raw().attributes(),
          parsed.raw().messageId(),
          DeadLetter.Stage.NORMALIZE,
          "fingerprint_failed",
          e.getClass().getName(),
          e.getMessage(),
          DeadLetter.truncatedStackTrace(e),
          parsed.entry().timestamp(),
          clock.instant(),
          fingerprinter.ruleSetVersion());
    }
  }
}
