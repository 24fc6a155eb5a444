package dev.loggardener.logentry;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
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
  static final List<String> LEVEL_FIELDS = List.of("severity", "level", "levelname");
  static final List<String> LOGGER_FIELDS = List.of("logger", "logger_name", "loggerName");
  static final List<String> LOGGER_LABELS = List.of("python_logger", "logger");
  static final List<String> LATE_LOGGER_FIELDS = List.of("component", "source", "module");

  private static final Pattern PREFIX =
      Pattern.compile("\\s*(?:\\[([A-Za-z]{3,11})\\]|([A-Za-z]{3,11}):)");

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
   * The severity the payload implies: a level field, else a leading {@code [ERROR]} or {@code
   * ERROR:} in the message, else ERROR when the message carries a stack trace.
   */
  static Severity inferSeverity(JsonObject jsonPayload, String message, boolean hasStackTrace) {
    if (jsonPayload != null) {
      for (String field : LEVEL_FIELDS) {
        JsonElement value = JsonFields.member(jsonPayload, field);
        if (value != null && value.isJsonPrimitive()) {
          Optional<Severity> named = severityName(value.getAsString());
          if (named.isPresent() && named.get() != Severity.DEFAULT) {
            return named.get();
          }
        }
      }
    }
    Matcher prefix = message.length() > 0 ? PREFIX.matcher(message) : null;
    if (prefix != null && prefix.lookingAt()) {
      String word = prefix.group(1) != null ? prefix.group(1) : prefix.group(2);
      Optional<Severity> named = severityName(word);
      if (named.isPresent() && named.get() != Severity.DEFAULT) {
        return named.get();
      }
    }
    return hasStackTrace ? Severity.ERROR : Severity.DEFAULT;
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
