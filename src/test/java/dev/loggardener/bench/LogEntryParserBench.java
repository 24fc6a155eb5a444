package dev.loggardener.bench;

import dev.loggardener.logentry.ExportReader;
import dev.loggardener.logentry.LogEntryParser;
import dev.loggardener.logentry.ParseResult;
import dev.loggardener.logentry.PublicSamples;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Measures parsing the 28 public samples, reading their event times and splitting them from an
 * NDJSON export.
 *
 * <p>Run from the project root: {@code mvn -o -q test-compile dependency:build-classpath
 * -Dmdep.outputFile=target/cp.txt && java -cp target/test-classes:target/classes:$(cat
 * target/cp.txt) org.openjdk.jmh.Main LogEntryParserBench -f 1 -wi 3 -i 5}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class LogEntryParserBench {
  private final LogEntryParser parser = new LogEntryParser();
  private List<byte[]> samples;
  private byte[] export;

  @Setup
  public void load() throws IOException {
    Path file = PublicSamples.file();
    samples =
        Files.readAllLines(file, StandardCharsets.UTF_8).stream()
            .map(line -> line.getBytes(StandardCharsets.UTF_8))
            .toList();
    export = Files.readAllBytes(file);
  }

  /** Parses all 28 samples once; divide by 28 for the time per entry. */
  @Benchmark
  public int parseAllSamples() {
    int parsed = 0;
    for (byte[] sample : samples) {
      if (parser.parse(sample, Map.of()) instanceof ParseResult.Parsed) {
        parsed++;
      }
    }
    return parsed;
  }

  /** Reads the event time of all 28 samples, as planning a local run does for every entry. */
  @Benchmark
  public long readAllEventTimes() {
    long sum = 0;
    for (byte[] sample : samples) {
      sum += parser.eventTime(sample, Map.of()).map(Instant::getEpochSecond).orElse(0L);
    }
    return sum;
  }

  /** Splits the 28-line export into raw entries without parsing them. */
  @Benchmark
  public int splitExport() throws IOException {
    int count = 0;
    try (ExportReader reader = ExportReader.open(new ByteArrayInputStream(export))) {
      while (reader.hasNext()) {
        count += reader.next().length;
      }
    }
    return count;
  }
}
