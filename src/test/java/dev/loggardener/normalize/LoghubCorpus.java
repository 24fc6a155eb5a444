package dev.loggardener.normalize;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.loggardener.cli.LogFormat;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The Loghub-2k systems of a data set folder: each line's message and its ground-truth event id.
 * Header formats are read from the folder's SOURCE.md. The data is not part of the repository (its
 * licence is for research use); the folder is the system property {@code loghub.dir}, which the
 * {@code quality} profile of the pom sets and the benches' commands give. There is no default, so
 * nothing reads outside the repository unless told where.
 */
public final class LoghubCorpus {
  /** The system property naming the data set folder. */
  public static final String DIRECTORY_PROPERTY = "loghub.dir";

  /** One system's lines: the messages and their true event ids, in file order. */
  public record LabelledLog(String system, List<String> messages, List<String> eventIds) {}

  private LoghubCorpus() {}

  /** The data set folder this JVM reads; fails with a clear message when none is named. */
  public static Path directory() {
    String directory = System.getProperty(DIRECTORY_PROPERTY);
    if (directory == null || directory.isBlank()) {
      throw new IllegalStateException(
          "name the Loghub-2k folder with -D"
              + DIRECTORY_PROPERTY
              + "=PATH (mvn -Pquality sets it to the loghub-2k folder beside the project)");
    }
    return Path.of(directory);
  }

  /** Loads every system, in name order; fails with a clear message when the data is missing. */
  public static List<LabelledLog> load() throws IOException {
    return load(directory());
  }

  static List<LabelledLog> load(Path root) throws IOException {
    Path source = root.resolve("SOURCE.md");
    if (!Files.isRegularFile(source)) {
      throw new IllegalStateException(
          "Loghub-2k data not found at "
              + root.toAbsolutePath().normalize()
              + ": it needs SOURCE.md with the header formats and <System>/<System>_2k.log with"
              + " <System>_2k.log_structured_corrected.csv per system (the 2k_dataset folder of"
              + " the public logpai/loghub-2.0 repository); name the folder with -D"
              + DIRECTORY_PROPERTY
              + "=PATH");
    }
    List<LabelledLog> logs = new ArrayList<>();
    for (Map.Entry<String, String> e : formats(Files.readString(source)).entrySet()) {
      logs.add(loadSystem(root, e.getKey(), LogFormat.parse(e.getValue())));
    }
    return logs;
  }

  static Map<String, String> formats(String sourceMd) {
    int start = sourceMd.indexOf("```json");
    int end = sourceMd.indexOf("```", start + 7);
    if (start < 0 || end < 0) {
      throw new IllegalStateException("SOURCE.md has no ```json block of header formats");
    }
    JsonObject json = JsonParser.parseString(sourceMd.substring(start + 7, end)).getAsJsonObject();
    Map<String, String> formats = new TreeMap<>();
    json.entrySet().forEach(e -> formats.put(e.getKey(), e.getValue().getAsString()));
    return formats;
  }

  private static LabelledLog loadSystem(Path root, String system, LogFormat format)
      throws IOException {
    Path dir = root.resolve(system);
    String raw = Files.readString(dir.resolve(system + "_2k.log"), StandardCharsets.UTF_8);
    List<String> lines = new ArrayList<>(List.of(raw.split("\n", -1)));
    if (!lines.isEmpty() && lines.get(lines.size() - 1).isEmpty()) {
      lines.remove(lines.size() - 1);
    }
    List<List<String>> csv =
        CsvRecords.parse(
            Files.readString(dir.resolve(system + "_2k.log_structured_corrected.csv")));
    List<String> header = csv.get(0);
    int contentColumn = header.indexOf("Content");
    int eventColumn = header.indexOf("EventId");
    if (csv.size() - 1 != lines.size()) {
      throw new IllegalStateException(
          system + ": " + lines.size() + " log lines but " + (csv.size() - 1) + " CSV rows");
    }
    List<String> messages = new ArrayList<>();
    List<String> events = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i).replace("\r", "");
      int lineNo = i + 1;
      String content =
          format
              .content(line)
              .orElseThrow(
                  () -> new IllegalStateException(system + " line " + lineNo + " misses format"));
      List<String> row = csv.get(i + 1);
      if (!content.equals(row.get(contentColumn))) {
        throw new IllegalStateException(system + " line " + lineNo + ": content differs from CSV");
      }
      messages.add(content);
      events.add(row.get(eventColumn));
    }
    return new LabelledLog(system, messages, events);
  }
}
