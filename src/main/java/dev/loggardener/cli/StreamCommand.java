package dev.loggardener.cli;

import dev.loggardener.jobs.LocalStream;
import dev.loggardener.jobs.LogStreamPipeline;
import dev.loggardener.jobs.StreamOptions;
import java.io.PrintStream;
import java.util.Arrays;
import org.apache.beam.sdk.options.PipelineOptionsFactory;

/** {@code stream}: the log-stream pipeline with Beam options, for any runner. */
public final class StreamCommand implements Command {
  @Override
  public String name() {
    return "stream";
  }

  @Override
  public String summary() {
    return "Run the streaming pipeline (Pub/Sub or files → BigQuery or DuckDB) on any runner.";
  }

  @Override
  public int run(String[] args, PrintStream out, PrintStream err) throws Exception {
    if (Arrays.asList(args).contains("--help") || Arrays.asList(args).contains("-h")) {
      out.println(
          "Usage: java -jar log-gardener.jar stream --OPTION=VALUE ...\n\n"
              + "Runs the log-stream pipeline; any Beam runner option (--runner, --project, ...)"
              + " is accepted.\nOn the DirectRunner reading Pub/Sub it prints a progress line every"
              + " --progressSeconds\nand drains on Ctrl-C or SIGTERM: no more reads, every open"
              + " window fired and written,\nwhat was read acknowledged, then exit.\n");
      PipelineOptionsFactory.printHelp(out, StreamOptions.class);
      return 0;
    }
    StreamOptions options;
    try {
      options = PipelineOptionsFactory.fromArgs(args).withValidation().as(StreamOptions.class);
      LogStreamPipeline.validate(options);
    } catch (IllegalArgumentException e) {
      throw new Flags.UsageException(e.getMessage());
    }
    if (LocalStream.applies(options)) {
      return LocalStream.run(options, err);
    }
    LogStreamPipeline.run(options, null).waitUntilFinish();
    return 0;
  }
}
