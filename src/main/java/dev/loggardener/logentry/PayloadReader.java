package dev.loggardener.logentry;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Reads what an entry's payload says: the message text, the logger name, the text that may carry a
 * stack trace, and the severity the payload implies when the entry has none.
 *
 * <p>Payload fields are free-form, so unlike LogEntry's own fields they are never a reason to
 * reject: a field of an unexpected type is simply not used.
 */
final class PayloadReader {
  static final List<String> MESSAGE_FIELDS =
      List.of("message", "msg", "error", "stack_trace", "exception", "stacktrace");
  static final List<String> TRACE_FIELDS =
      List.of("error", "stack_trace", "exception", "stacktrace", "stack", "traceback");

  /**
   * Level fields of common JSON loggers: most, {@code levelname} (Python), {@code level_name}
   * (Monolog), {@code log.level} (Elastic Common Schema), {@code LogLevel} (.NET's JSON console)
   * and {@code @l} (Serilog's compact JSON).
   */
  static final List<String> LEVEL_FIELDS =
      List.of("severity", "level", "levelname", "level_name", "log.level", "LogLevel", "@l");

  /** The field pino and bunyan write their numeric level to. */
  static final String NUMERIC_LEVEL_FIELD = "level";

  static final List<String> LOGGER_FIELDS = List.of("logger", "logger_name", "loggerName");
  static final List<String> LOGGER_LABELS = List.of("python_logger", "logger");
  static final List<String> LATE_LOGGER_FIELDS = List.of("component", "source", "module");

  private static final Pattern PINO_LEVEL = Pattern.compile("[1-6]\\d");

  private static final Map<String, Severity> ALIASES =
      Map.ofEntries(
          Map.entry("TRACE", Severity.DEBUG),
          Map.entry("FINE", Severity.DEBUG),
          Map.entry("FINER", Severity.DEBUG),
          Map.entry("FINEST", Severity.DEBUG),
          Map.entry("INFORMATION", Severity.INFO),
          Map.entry("WARN", Severity.WARNING),
          Map.entry("ERR", Severity.ERROR),
          Map.entry("SEVERE", Severity.ERROR),
          Map.entry("CRIT", Severity.CRITICAL),
          Map.entry("FATAL", Severity.CRITICAL),
          Map.entry("EMERG", Severity.EMERGENCY));

  private PayloadReader() {}

  /** Every level name {@link #severityName} knows, in upper case. */
  static Set<String> levelWords() {
    Set<String> words = new TreeSet<>(ALIASES.keySet());
    for (Severity severity : Severity.values()) {
      words.add(severity.name());
    }
    return words;
  }

  /** A level name as loggers write it: a LogSeverity name or a common alias, any case. */
  static Optional<Severity> severityName(String name) {
    if (name == null) {
      return Optional.empty();
    }
    String upper = name.trim().toUpperCase(Locale.ROOT);
    Optional<Severity> exact = Severity.fromName(upper);
    return exact.isPresent() ? exact : Optional.ofNullable(ALIASES.get(upper));
  }

  static String message(
      String textPayload, JsonObject jsonPayload, JsonObject protoPayload, HttpRequest request) {
    if (textPayload != null) {
      return textPayload;
    }
    if (jsonPayload != null && !jsonPayload.isEmpty()) {
      for (String field : MESSAGE_FIELDS) {
        JsonElement value = JsonFields.member(jsonPayload, field);
        if (value != null) {
          return render(value);
        }
      }
      return CanonicalJson.render(jsonPayload);
    }
    if (protoPayload != null && !protoPayload.isEmpty()) {
      return proto(protoPayload);
    }
    return request == null ? "" : requestLine(request);
  }

  /** The texts that may hold a stack trace, most likely first. */
  static List<String> traceCandidates(String message, JsonObject jsonPayload) {
    List<String> texts = new ArrayList<>();
    texts.add(message);
    if (jsonPayload != null) {
      for (String field : TRACE_FIELDS) {
        JsonElement value = JsonFields.member(jsonPayload, field);
        if (value != null) {
          texts.add(render(value));
        }
      }
    }
    return texts;
  }

  static String logger(JsonObject jsonPayload, Map<String, String> labels) {
    String logger = firstString(jsonPayload, LOGGER_FIELDS);
    for (int i = 0; logger == null && i < LOGGER_LABELS.size(); i++) {
      String label = labels.get(LOGGER_LABELS.get(i));
      logger = label == null || label.isBlank() ? null : label;
    }
    return logger != null ? logger : firstString(jsonPayload, LATE_LOGGER_FIELDS);
  }

  /**
   * The severity the payload implies: a level field (a name, or pino's and bunyan's numbers), else
   * the level the message's first line states in its own layout ({@link TextSeverity}), else ERROR
   * when the message carries a stack trace.
   */
  static Severity inferSeverity(JsonObject jsonPayload, String message, boolean hasStackTrace) {
    if (jsonPayload != null) {
      for (String field : LEVEL_FIELDS) {
        JsonElement value = JsonFields.member(jsonPayload, field);
        if (value != null && value.isJsonPrimitive()) {
          JsonPrimitive primitive = value.getAsJsonPrimitive();
          Optional<Severity> named =
              primitive.isNumber()
                  ? numericLevel(field, primitive.getAsString())
                  : severityName(primitive.getAsString());
          if (named.isPresent() && named.get() != Severity.DEFAULT) {
            return named.get();
          }
        }
      }
    }
    Optional<Severity> stated = TextSeverity.of(message);
    if (stated.isPresent()) {
      return stated.get();
    }
    return hasStackTrace ? Severity.ERROR : Severity.DEFAULT;
  }

  /**
   * pino's and bunyan's levels: 10 trace, 20 debug, 30 info, 40 warn, 50 error, 60 fatal; a custom
   * level between two of them counts as the lower one.
   */
  private static Optional<Severity> numericLevel(String field, String number) {
    if (!field.equals(NUMERIC_LEVEL_FIELD) || !PINO_LEVEL.matcher(number).matches()) {
      return Optional.empty();
    }
    int level = Integer.parseInt(number);
    if (level > 60) {
      return Optional.empty();
    }
    return Optional.of(
        level < 30
            ? Severity.DEBUG
            : level < 40
                ? Severity.INFO
                : level < 50 ? Severity.WARNING : level < 60 ? Severity.ERROR : Severity.CRITICAL);
  }

  static String requestLine(HttpRequest request) {
    StringBuilder line = new StringBuilder();
    for (Object part : new Object[] {request.method(), request.path(), request.status()}) {
      if (part != null) {
        line.append(line.length() == 0 ? "" : " ").append(part);
      }
    }
    return line.toString();
  }

  private static String proto(JsonObject proto) {
    JsonElement method = JsonFields.member(proto, "methodName");
    JsonElement type = JsonFields.member(proto, "@type");
    boolean audit =
        method != null
            || (type != null && type.isJsonPrimitive() && type.getAsString().endsWith("AuditLog"));
    if (audit) {
      StringBuilder text = new StringBuilder();
      appendScalar(text, method, "");
      appendScalar(text, JsonFields.member(proto, "resourceName"), " ");
      JsonElement status = JsonFields.member(proto, "status");
      if (status != null && status.isJsonObject()) {
        appendScalar(text, JsonFields.member(status.getAsJsonObject(), "message"), ": ");
      }
      return text.toString().trim();
    }
    JsonElement lines = JsonFields.member(proto, "line");
    if (lines != null && lines.isJsonArray()) {
      List<String> messages = new ArrayList<>();
      for (JsonElement line : lines.getAsJsonArray()) {
        JsonElement logMessage =
            line.isJsonObject() ? JsonFields.member(line.getAsJsonObject(), "logMessage") : null;
        if (logMessage != null && logMessage.isJsonPrimitive()) {
          messages.add(JsonFields.clean(logMessage.getAsString()));
        }
      }
      if (!messages.isEmpty()) {
        return String.join("\n", messages);
      }
    }
    return CanonicalJson.render(proto);
  }

  private static void appendScalar(StringBuilder text, JsonElement value, String separator) {
    if (value != null && value.isJsonPrimitive() && !value.getAsString().isBlank()) {
      text.append(separator).append(JsonFields.clean(value.getAsString()));
    }
  }

  private static String render(JsonElement value) {
    if (value.isJsonPrimitive()) {
      return JsonFields.clean(value.getAsString());
    }
    if (value.isJsonArray()) {
      JsonArray array = value.getAsJsonArray();
      List<String> parts = new ArrayList<>(array.size());
      for (JsonElement element : array) {
        parts.add(
            element.isJsonPrimitive()
                ? JsonFields.clean(element.getAsString())
                : CanonicalJson.render(element));
      }
      return String.join("\n", parts);
    }
    return CanonicalJson.render(value);
  }

  private static String firstString(JsonObject object, List<String> fields) {
    if (object == null) {
      return null;
    }
    for (String field : fields) {
      JsonElement value = JsonFields.member(object, field);
      if (value != null
          && value.isJsonPrimitive()
          && value.getAsJsonPrimitive().isString()
          && !value.getAsString().isBlank()) {
        return JsonFields.clean(value.getAsString());
      }
    }
    return null;
  }
}
