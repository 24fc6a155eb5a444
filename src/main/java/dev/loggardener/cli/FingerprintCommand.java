package dev.loggardener.cli;

import com.google.gson.Strictness;
import com.google.gson.stream.JsonWriter;
import dev.loggardener.normalize.Fingerprint;
import dev.loggardener.normalize.Fingerprinter;
import dev.loggardener.normalize.RuleSet;
import dev.loggardener.normalize.TemplateGrouper;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * {@code fingerprint}: reads raw log lines and prints one JSON object per line, in input order,
 * with the line's fine fingerprint, template and group fingerprint.
 *
 * <p>The group comes from {@link TemplateGrouper} over all lines of the file, so it is a pure
 * function of the set of lines: the same file gives byte-identical output, and a shuffled file
 * gives every line the same fingerprint. A line that does not match {@code --log-format} is
 * fingerprinted whole and marked {@code "header_matched": false}.
 */
public final class FingerprintCommand implements Command {
  @Override
  public String name() {
    return "fingerprint";
  }

  @Override
  public String summary() {
    return "Fingerprint raw log lines and group them; one JSON object per line.";
  }

  @Override
  public int run(String[] args, PrintStream out, PrintStream err) throws Exception {
    Flags flags =
        new Flags(
                "java -jar log-gardener.jar fingerprint --input FILE [--log-format FORMAT]",
                "Redacts, normalizes and fingerprints each line of FILE, then groups the templates"
                    + " of the whole\nfile. Prints one JSON object per input line, in input order:"
                    + " line, fingerprint (the group),\nfine_fingerprint, template (the group's),"
                    + " fine_template, redacted_message, rule_set_version.\nSame file, same bytes"
                    + " out; a shuffled file gives every line the same fingerprint.")
            .option("input", "FILE", "Raw log file, UTF-8, one message per line.", null)
            .option(
                "log-format",
                "FORMAT",
                "LogPAI header format whose <Content> is the message, e.g. '<Date> <Time> <Level>"
                    + " <Component>: <Content>'. Without it the whole line is the message.",
                null)
            .option("rules", "FILE", "Rules file to use instead of the bundled one.", null);
    if (!flags.parse(args, out)) {
      return 0;
    }
    Path input = Path.of(flags.require("input"));
    Optional<LogFormat> format;
    try {
      format = flags.get("log-format").map(LogFormat::parse);
    } catch (IllegalArgumentException e) {
      throw new Flags.UsageException("--log-format: " + e.getMessage());
    }
    RuleSet rules =
        flags.get("rules").map(Path::of).map(RuleSet::load).orElseGet(RuleSet::loadDefault);
    List<String> lines;
    try {
      lines = lines(new String(Files.readAllBytes(input), StandardCharsets.UTF_8));
    } catch (NoSuchFileException e) {
      err.println("log-gardener fingerprint: no such file: " + input);
      return 1;
    } catch (IOException e) {
      err.println("log-gardener fingerprint: cannot read " + input + ": " + e.getMessage());
      return 1;
    }
    write(lines, format, new Fingerprinter(rules), out);
    return 0;
  }

  private static void write(
      List<String> lines, Optional<LogFormat> format, Fingerprinter fingerprinter, PrintStream out)
      throws IOException {
    List<Fingerprint> fine = new ArrayList<>(lines.size());
    List<Boolean> matched = new ArrayList<>(lines.size());
    Map<String, Long> counts = new TreeMap<>();
    for (String line : lines) {
      Optional<String> content = format.flatMap(f -> f.content(line));
      matched.add(format.isEmpty() || content.isPresent());
      Fingerprint f = fingerprinter.fingerprintMessage(content.orElse(line));
      fine.add(f);
      counts.merge(f.template(), 1L, Long::sum);
    }
    Map<String, String> merged = TemplateGrouper.mergedTemplates(counts);
    Map<String, String> groupIds = new HashMap<>();
    Writer writer =
        new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 1 << 16);
    // Streamed rather than built as a tree per line: the output is most of this command's cost.
    JsonWriter json = new JsonWriter(writer);
    json.setHtmlSafe(false);
    json.setStrictness(Strictness.LENIENT);
    for (int i = 0; i < fine.size(); i++) {
      Fingerprint f = fine.get(i);
      String groupTemplate = merged.get(f.template());
      json.beginObject();
      json.name("line").value(i + 1);
      json.name("fingerprint")
          .value(groupIds.computeIfAbsent(groupTemplate, TemplateGrouper::groupId));
      json.name("fine_fingerprint").value(f.id());
      json.name("template").value(groupTemplate);
      json.name("fine_template").value(f.template());
      json.name("redacted_message").value(f.redactedMessage());
      json.name("rule_set_version").value(f.ruleSetVersion());
      if (!matched.get(i)) {
        json.name("header_matched").value(false);
      }
      json.endObject();
      writer.write('\n');
    }
    writer.flush();
  }

  /** Splits on LF, drops CR before it, and ignores the empty remainder after a final newline. */
  static List<String> lines(String text) {
    List<String> lines = new ArrayList<>();
    int start = 0;
    while (start < text.length()) {
      int end = text.indexOf('\n', start);
      int stop = end < 0 ? text.length() : end;
      String line = text.substring(start, stop);
      lines.add(line.endsWith("\r") ? line.substring(0, line.length() - 1) : line);
      start = end < 0 ? text.length() : end + 1;
    }
    return lines;
  }
}
