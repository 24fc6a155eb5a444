package dev.loggardener.logentry;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.util.Map;

/**
 * Renders a {@link LogEntry} or a rejection as one compact JSON object, for the {@code parse}
 * command and anything else that prints entries.
 *
 * <p>Keys appear in a fixed order, absent (null) values are left out, labels are sorted, and
 * instants are written in ISO-8601 UTC, so the same entry always renders to the same line.
 */
public final class LogEntryRenderer {
  private static final Gson GSON = new GsonBuilder().disableHtmlEscaping().create();

  /** The entry as a JSON object. */
  public JsonObject toJson(LogEntry entry) {
    JsonObject json = new JsonObject();
    json.addProperty("timestamp", entry.timestamp().toString());
    json.addProperty("timestampSource", entry.timestampSource().name());
    put(json, "receiveTimestamp", entry.receiveTimestamp());
    put(json, "insertId", entry.insertId());
    put(json, "logName", entry.logName());
    put(json, "logId", entry.logId());
    json.addProperty("severity", entry.severity().name());
    json.addProperty("severityInferred", entry.severityInferred());
    json.add("service", service(entry.service()));
    JsonObject labels = new JsonObject();
    entry.labels().entrySet().stream()
        .sorted(Map.Entry.comparingByKey())
        .forEach(label -> labels.addProperty(label.getKey(), label.getValue()));
    json.add("labels", labels);
    put(json, "trace", entry.trace());
    put(json, "spanId", entry.spanId());
    if (entry.sourceLocation() != null) {
      JsonObject location = new JsonObject();
      put(location, "file", entry.sourceLocation().file());
      put(location, "line", entry.sourceLocation().line());
      put(location, "function", entry.sourceLocation().function());
      json.add("sourceLocation", location);
    }
    if (entry.httpRequest() != null) {
      JsonObject request = new JsonObject();
      put(request, "method", entry.httpRequest().method());
      put(request, "path", entry.httpRequest().path());
      put(request, "status", entry.httpRequest().status());
      put(request, "latencyMillis", entry.httpRequest().latencyMillis());
      json.add("httpRequest", request);
    }
    put(json, "logger", entry.logger());
    json.addProperty("message", entry.message());
    if (entry.stackTrace() != null) {
      json.add("stackTrace", stackTrace(entry.stackTrace()));
    }
    if (entry.split() != null) {
      JsonObject split = new JsonObject();
      split.addProperty("uid", entry.split().uid());
      split.addProperty("index", entry.split().index());
      split.addProperty("totalSplits", entry.split().totalSplits());
      json.add("split", split);
    }
    return json;
  }

  /** The entry as one line of compact JSON, without a line break. */
  public String render(LogEntry entry) {
    return GSON.toJson(toJson(entry));
  }

  /** A rejection as {@code {"rejected": reason code, "detail": text}}. */
  public String render(ParseResult.Rejected rejected) {
    JsonObject json = new JsonObject();
    json.addProperty("rejected", rejected.reason().code());
    json.addProperty("detail", rejected.detail());
    return GSON.toJson(json);
  }

  /** Either outcome of a parse, as one line of compact JSON. */
  public String render(ParseResult result) {
    if (result instanceof ParseResult.Parsed parsed) {
      return render(parsed.entry());
    }
    return render((ParseResult.Rejected) result);
  }

  private static JsonObject service(ServiceIdentity service) {
    JsonObject json = new JsonObject();
    put(json, "projectId", service.projectId());
    json.addProperty("resourceType", service.resourceType());
    json.addProperty("service", service.service());
    put(json, "version", service.version());
    put(json, "instance", service.instance());
    put(json, "location", service.location());
    return json;
  }

  private static JsonObject stackTrace(StackTrace trace) {
    JsonObject json = new JsonObject();
    json.addProperty("language", trace.language());
    json.addProperty("exceptionType", trace.exceptionType());
    json.addProperty("exceptionMessage", trace.exceptionMessage());
    JsonArray frames = new JsonArray();
    for (StackFrame frame : trace.frames()) {
      JsonObject f = new JsonObject();
      put(f, "module", frame.module());
      put(f, "function", frame.function());
      put(f, "file", frame.file());
      put(f, "line", frame.line());
      frames.add(f);
    }
    json.add("frames", frames);
    return json;
  }

  private static void put(JsonObject json, String key, Object value) {
    if (value instanceof Number number) {
      json.addProperty(key, number);
    } else if (value != null) {
      json.addProperty(key, value.toString());
    }
  }
}
