package dev.loggardener.scenario;

import com.google.gson.stream.JsonWriter;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.LocalDateTime;
import java.time.ZoneOffset;

/**
 * Writes an {@link Entry} as one compact line of LogEntry JSON, keys in alphabetical order as the
 * Cloud Logging export writes them, int64 fields as strings.
 */
final class EntryJson {
  private EntryJson() {}

  /**
   * The entry as JSON.
   *
   * @param withTimestamps false to leave out {@code timestamp} and {@code receiveTimestamp}
   */
  static String write(Entry entry, boolean withTimestamps) {
    StringWriter text = new StringWriter(1024);
    try (JsonWriter json = new JsonWriter(text)) {
      json.setHtmlSafe(false);
      json.beginObject();
      if (entry.access() != null) {
        json.name("httpRequest");
        writeAccess(json, entry.access(), entry.logId().equals("requests"));
      }
      json.name("insertId").value(entry.insertId());
      if (entry.message() != null) {
        json.name("jsonPayload").beginObject();
        json.name("logger").value(entry.logger());
        json.name("message").value(entry.message());
        if (entry.requestId() != null) {
          json.name("request_id").value(entry.requestId());
        }
        json.endObject();
      }
      json.name("labels").beginObject().name("instanceId").value(entry.instance().id()).endObject();
      json.name("logName")
          .value("projects/" + Services.PROJECT + "/logs/run.googleapis.com%2F" + entry.logId());
      if (withTimestamps) {
        long receiveNanos = entry.epochMicros() * 1000 + entry.receiveDelayNanos();
        json.name("receiveTimestamp").value(format(receiveNanos, 9));
      }
      writeResource(json, entry.instance());
      json.name("severity").value(entry.severity().name());
      if (entry.source() != null) {
        json.name("sourceLocation").beginObject();
        json.name("file").value(entry.source().file());
        json.name("function").value(entry.source().function());
        json.name("line").value(Long.toString(entry.source().line()));
        json.endObject();
      }
      json.name("spanId").value(entry.spanId());
      if (withTimestamps) {
        json.name("timestamp").value(format(entry.epochMicros() * 1000, 6));
      }
      json.name("trace").value("projects/" + Services.PROJECT + "/traces/" + entry.trace());
      json.name("traceSampled").value(true);
      json.endObject();
    } catch (IOException e) {
      throw new UncheckedIOException("writing to a string cannot fail", e);
    }
    return text.toString();
  }

  private static void writeAccess(JsonWriter json, Entry.Access access, boolean requestLog)
      throws IOException {
    json.beginObject();
    if (access.latencyMicros() != null) {
      long micros = access.latencyMicros();
      String fraction = Long.toString(1_000_000L + micros % 1_000_000L).substring(1);
      json.name("latency").value(micros / 1_000_000L + "." + fraction + "s");
    }
    json.name("protocol").value("HTTP/1.1");
    json.name("remoteIp").value(access.remoteIp());
    if (access.requestSize() != null) {
      json.name("requestSize").value(Long.toString(access.requestSize()));
    }
    json.name("requestMethod").value(access.method());
    json.name("requestUrl").value(access.url());
    if (access.responseSize() != null) {
      json.name("responseSize").value(Long.toString(access.responseSize()));
    }
    if (requestLog) {
      json.name("serverIp").value("10.128.0.4");
    }
    json.name("status").value(access.status());
    if (access.userAgent() != null) {
      json.name("userAgent").value(access.userAgent());
    }
    json.endObject();
  }

  private static void writeResource(JsonWriter json, CloudRunTopology.Instance instance)
      throws IOException {
    json.name("resource").beginObject();
    json.name("labels").beginObject();
    json.name("configuration_name").value(instance.service());
    json.name("location").value(Services.LOCATION);
    json.name("project_id").value(Services.PROJECT);
    json.name("revision_name").value(instance.revision());
    json.name("service_name").value(instance.service());
    json.endObject();
    json.name("type").value("cloud_run_revision");
    json.endObject();
  }

  /** RFC 3339 in UTC with exactly {@code digits} fractional digits. */
  static String format(long epochNanos, int digits) {
    long seconds = Math.floorDiv(epochNanos, 1_000_000_000L);
    long nanos = Math.floorMod(epochNanos, 1_000_000_000L);
    LocalDateTime time = LocalDateTime.ofEpochSecond(seconds, 0, ZoneOffset.UTC);
    StringBuilder text = new StringBuilder(32);
    text.append(time.getYear()).append('-');
    twoDigits(text, time.getMonthValue()).append('-');
    twoDigits(text, time.getDayOfMonth()).append('T');
    twoDigits(text, time.getHour()).append(':');
    twoDigits(text, time.getMinute()).append(':');
    twoDigits(text, time.getSecond()).append('.');
    String fraction = Long.toString(1_000_000_000L + nanos).substring(1, 1 + digits);
    return text.append(fraction).append('Z').toString();
  }

  private static StringBuilder twoDigits(StringBuilder text, int value) {
    return text.append(value < 10 ? "0" : "").append(value);
  }
}
