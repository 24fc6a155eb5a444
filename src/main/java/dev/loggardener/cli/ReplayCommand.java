package dev.loggardener.cli;

import dev.loggardener.replay.Pacer;
import dev.loggardener.replay.PubsubRestPublisher;
import dev.loggardener.replay.Replayer;
import dev.loggardener.replay.SinkMessages;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.Map;

/** {@code replay}: publishes a file of LogEntry lines to a Pub/Sub topic as a log sink would. */
final class ReplayCommand implements Command {
  private final Map<String, String> environment;
  private final Clock clock;

  ReplayCommand() {
    this(System.getenv(), Clock.systemUTC());
  }

  ReplayCommand(Map<String, String> environment, Clock clock) {
    this.environment = environment;
    this.clock = clock;
  }

  @Override
  public String name() {
    return "replay";
  }

  @Override
  public String summary() {
    return "Publish a LogEntry file to a Pub/Sub topic (the emulator) at a steady rate.";
  }

  @Override
  public int run(String[] args, PrintStream out, PrintStream err) throws Exception {
    Flags flags =
        new Flags(
                "java -jar log-gardener.jar replay --topic projects/P/topics/T --input FILE"
                    + " [--rate N] [--pubsub-root-url URL] [--shift-to-now | --time-as-published]",
                "Publishes every entry of FILE (LogEntry NDJSON or JSON array, gzipped or not, e.g."
                    + " from 'generate')\nas one Pub/Sub message with the attribute"
                    + " logging.googleapis.com/timestamp, the way a Cloud Logging sink does,\n"
                    + "so that 'stream' can be watched working. Lines without a readable time are"
                    + " sent as they are,\nwithout the attribute. Progress goes to stderr.")
            .option("topic", "projects/P/topics/T", "The topic to publish to.", null)
            .option("input", "FILE", "The LogEntry lines to publish.", null)
            .option("rate", "N", "Messages per second; 0 publishes as fast as possible.", "100")
            .option(
                "pubsub-root-url",
                "URL",
                "The Pub/Sub REST root, e.g. http://127.0.0.1:8085 (default: from"
                    + " PUBSUB_EMULATOR_HOST).",
                null)
            .toggle(
                "shift-to-now",
                "Move every entry by the same amount so that the last one is timed now.")
            .toggle(
                "time-as-published",
                "Time every entry at the moment it is published, as a sink delivers logs that are"
                    + " being written now: the file's order is kept, its time gaps are not.");
    if (!flags.parse(args, out)) {
      return 0;
    }
    String topic = flags.require("topic");
    if (!PubsubRestPublisher.TOPIC.matcher(topic).matches()) {
      throw new Flags.UsageException("--topic must look like projects/P/topics/T, got " + topic);
    }
    Path input = Path.of(flags.require("input"));
    if (!Files.isRegularFile(input)) {
      throw new Flags.UsageException("--input " + input + " is not a readable file");
    }
    long rate = flags.getLong("rate").orElseThrow();
    if (rate < 0) {
      throw new Flags.UsageException("--rate must be 0 or more, got " + rate);
    }
    String rootUrl = rootUrl(flags);
    if (flags.isSet("shift-to-now") && flags.isSet("time-as-published")) {
      throw new Flags.UsageException("give at most one of --shift-to-now and --time-as-published");
    }
    Duration shift = Duration.ZERO;
    if (flags.isSet("shift-to-now")) {
      Instant latest =
          Replayer.latestTime(input)
              .orElseThrow(
                  () ->
                      new Flags.UsageException(
                          "--shift-to-now: no entry in " + input + " has a timestamp"));
      shift = Duration.between(latest, clock.instant().truncatedTo(ChronoUnit.MICROS));
    }
    Replayer.Summary summary =
        new Replayer(new PubsubRestPublisher(rootUrl, topic), Pacer.system(), err)
            .replay(
                input,
                flags.isSet("time-as-published")
                    ? SinkMessages.timedAtPublish(clock)
                    : new SinkMessages(shift),
                rate);
    out.printf(
        Locale.ROOT,
        "published %d messages to %s in %.1f s (%d without a timestamp)%n",
        summary.published(),
        topic,
        summary.seconds(),
        summary.withoutTimestamp());
    return 0;
  }

  private String rootUrl(Flags flags) throws Flags.UsageException {
    if (flags.get("pubsub-root-url").isPresent()) {
      return flags.get("pubsub-root-url").get();
    }
    String emulator = environment.get("PUBSUB_EMULATOR_HOST");
    if (emulator == null || emulator.isBlank()) {
      throw new Flags.UsageException(
          "give --pubsub-root-url (e.g. http://127.0.0.1:8085) or set PUBSUB_EMULATOR_HOST");
    }
    return "http://" + emulator.trim();
  }
}
