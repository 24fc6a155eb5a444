package dev.loggardener.cli;

import java.io.PrintStream;

/** One subcommand of {@code log-gardener}. */
public interface Command {

  /** The word that selects this command, e.g. {@code parse}. */
  String name();

  /** One line for the command list. */
  String summary();

  /**
   * Runs the command.
   *
   * @return the process exit status: 0 when it ran, 2 for a usage error, 1 for a failure
   */
  int run(String[] args, PrintStream out, PrintStream err) throws Exception;
}
