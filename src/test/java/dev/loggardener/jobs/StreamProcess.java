package dev.loggardener.jobs;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code stream} command as a user runs it: its own JVM (so that it can be sent SIGTERM), on
 * the DirectRunner, reading an emulator's subscription into a DuckDB file; its stderr is kept line
 * by line.
 */
final class StreamProcess implements AutoCloseable {
  private static final Pattern RECEIVED = Pattern.compile("received ([\\d,]+)");
  private static final Pattern ACCOUNTING =
      Pattern.compile(
          "stream: drained: received ([\\d,]+) = counted ([\\d,]+) \\+ dead-lettered ([\\d,]+)"
              + " \\+ duplicates ([\\d,]+) \\(balanced\\)");

  private final Process process;
  private final List<String> lines = new CopyOnWriteArrayList<>();

  private StreamProcess(Process process) {
    this.process = process;
    Thread reader =
        new Thread(
            () -> {
              try (BufferedReader in =
                  new BufferedReader(
                      new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8))) {
                for (String line = in.readLine(); line != null; line = in.readLine()) {
                  lines.add(line);
                }
              } catch (IOException closed) {
                lines.add("(stderr closed: " + closed + ")");
              }
            },
            "stream-stderr");
    reader.setDaemon(true);
    reader.start();
  }

  /** Starts {@code stream} with the emulator options plus {@code extra}. */
  static StreamProcess start(
      PubsubEmulator emulator, String project, String subscription, Path store, String... extra)
      throws IOException {
    List<String> command =
        new ArrayList<>(
            List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx1g",
                "-cp",
                System.getProperty("java.class.path"),
                "dev.loggardener.cli.Main",
                "stream",
                "--runner=DirectRunner",
                "--credentialFactoryClass="
                    + "org.apache.beam.sdk.extensions.gcp.auth.NoopCredentialFactory",
                "--project=" + project,
                "--pubsubRootUrl=" + emulator.rootUrl(),
                "--inputSubscription=projects/" + project + "/subscriptions/" + subscription,
                "--duckDbFile=" + store,
                "--progressSeconds=1"));
    command.addAll(List.of(extra));
    return new StreamProcess(
        new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.DISCARD).start());
  }

  /** Every stderr line so far. */
  List<String> lines() {
    return List.copyOf(lines);
  }

  /** The last lines of stderr, for a failure message. */
  String tail() {
    List<String> all = lines();
    return String.join("\n", all.subList(Math.max(0, all.size() - 8), all.size()));
  }

  /** What the latest progress line says was received, or -1 before the first. */
  long received() {
    for (int i = lines.size() - 1; i >= 0; i--) {
      Matcher m = RECEIVED.matcher(lines.get(i));
      if (lines.get(i).contains(" s: received ") && m.find()) {
        return Long.parseLong(m.group(1).replace(",", ""));
      }
    }
    return -1;
  }

  /** The first line that {@code test} accepts, once one has been printed. */
  Optional<String> line(Predicate<String> test) {
    return lines.stream().filter(test).findFirst();
  }

  /**
   * The closing accounting of a drained stream: received, counted, dead-lettered, duplicates; empty
   * if it printed none or it does not balance.
   */
  Optional<long[]> drainedAccounting() {
    for (String line : lines) {
      Matcher m = ACCOUNTING.matcher(line);
      if (m.find()) {
        long[] values = new long[4];
        for (int i = 0; i < 4; i++) {
          values[i] = Long.parseLong(m.group(i + 1).replace(",", ""));
        }
        return Optional.of(values);
      }
    }
    return Optional.empty();
  }

  /**
   * Sends SIGTERM, as {@code kill} or a service manager would. Through the process handle: {@link
   * Process#destroy()} would also close this end of the process's stderr and lose its last lines.
   */
  void terminate() {
    process.toHandle().destroy();
  }

  boolean isAlive() {
    return process.isAlive();
  }

  /** Waits for the exit; the exit code, or null if it is still running after {@code seconds}. */
  Integer awaitExit(long seconds) throws InterruptedException {
    return process.waitFor(seconds, TimeUnit.SECONDS) ? process.exitValue() : null;
  }

  @Override
  public void close() throws InterruptedException {
    if (process.isAlive()) {
      process.destroyForcibly();
      process.waitFor(10, TimeUnit.SECONDS);
    }
  }
}
