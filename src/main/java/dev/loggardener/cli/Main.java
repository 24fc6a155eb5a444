package dev.loggardener.cli;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/** Entry point of {@code log-gardener.jar}: dispatches to one of the {@link Command}s. */
public final class Main {
  private static final List<Command> COMMANDS =
      List.of(
          new ParseCommand(),
          new RunCommand(),
          new StreamCommand(),
          new FingerprintCommand(),
          new GenerateCommand(),
          new ReplayCommand(),
          new WorklogCommand(),
          new TrackerCommand());

  private Main() {}

  public static void main(String[] args) {
    PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
    PrintStream err = new PrintStream(System.err, true, StandardCharsets.UTF_8);
    System.exit(run(args, out, err));
  }

  /** Runs one command line and returns its exit status. */
  public static int run(String[] args, PrintStream out, PrintStream err) {
    return run(args, out, err, COMMANDS);
  }

  /** Runs one command line against the given commands (tests pass commands with a fixed clock). */
  static int run(String[] args, PrintStream out, PrintStream err, List<Command> commands) {
    if (args.length == 0
        || args[0].equals("--help")
        || args[0].equals("-h")
        || args[0].equals("help")) {
      out.print(overview());
      return args.length == 0 ? 2 : 0;
    }
    Command command =
        commands.stream().filter(c -> c.name().equals(args[0])).findFirst().orElse(null);
    if (command == null) {
      err.println("log-gardener: unknown command '" + args[0] + "'; run with --help to list them");
      return 2;
    }
    try {
      return command.run(Arrays.copyOfRange(args, 1, args.length), out, err);
    } catch (Flags.UsageException e) {
      err.println("log-gardener " + command.name() + ": " + e.getMessage());
      return 2;
    } catch (OutOfMemoryError e) {
      err.println("log-gardener " + command.name() + ": " + OUT_OF_MEMORY);
      return 1;
    } catch (Exception e) {
      err.println(
          "log-gardener "
              + command.name()
              + ": "
              + (causedByOutOfMemory(e) ? OUT_OF_MEMORY : describe(e)));
      return 1;
    }
  }

  /**
   * What to do when the heap runs out. The local run reads uncompressed NDJSON a slice at a time,
   * but holds a JSON array or a gzipped file whole, so that is what usually gets there.
   */
  static final String OUT_OF_MEMORY =
      "out of Java heap; give java more with -Xmx, or convert JSON arrays and gzipped exports to"
          + " uncompressed NDJSON (jq -c '.[]'), which the local run reads a slice at a time";

  private static boolean causedByOutOfMemory(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof OutOfMemoryError) {
        return true;
      }
    }
    return false;
  }

  private static String describe(Exception e) {
    String message = e.getMessage();
    return message == null || message.isBlank() ? e.getClass().getSimpleName() : message;
  }

  static String overview() {
    StringBuilder text = new StringBuilder();
    text.append("Usage: java -jar log-gardener.jar COMMAND [OPTIONS]\n\n")
        .append("Groups Cloud Logging entries into fingerprinted issues and writes a worklog.\n\n")
        .append("Commands:\n");
    for (Command command : COMMANDS) {
      text.append(String.format("  %-14s %s%n", command.name(), command.summary()));
    }
    text.append("\nRun 'java -jar log-gardener.jar COMMAND --help' for a command's options.\n");
    return text.toString();
  }
}
