package dev.loggardener.scenario;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** A generated day held in memory and sorted into what a reader of the lines would see. */
final class GeneratedDay {
  final ScenarioManifest manifest;
  final List<String> lines = new ArrayList<>();
  final List<JsonObject> distinct = new ArrayList<>();
  final List<String> redelivered = new ArrayList<>();
  final List<String> notJson = new ArrayList<>();
  final List<String> truncated = new ArrayList<>();
  final List<JsonObject> noTimestamp = new ArrayList<>();

  private static final Map<String, GeneratedDay> CACHE = new ConcurrentHashMap<>();

  /** The day for these settings, generated once per test run and shared read-only. */
  static GeneratedDay of(long seed, long entries, LocalDate date) {
    return CACHE.computeIfAbsent(
        seed + "/" + entries + "/" + date, key -> new GeneratedDay(seed, entries, date));
  }

  private GeneratedDay(long seed, long entries, LocalDate date) {
    ScenarioGenerator generator = new ScenarioGenerator(seed, entries, date);
    manifest = generator.manifest();
    try {
      generator.generate(lines::add);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Set<String> seen = new HashSet<>();
    for (String line : lines) {
      JsonElement json;
      try {
        json = JsonParser.parseString(line);
      } catch (JsonParseException e) {
        (line.startsWith("{") ? truncated : notJson).add(line);
        continue;
      }
      if (!json.isJsonObject()) {
        notJson.add(line);
        continue;
      }
      JsonObject entry = json.getAsJsonObject();
      if (!seen.add(entry.get("insertId").getAsString())) {
        redelivered.add(line);
      } else if (!entry.has("timestamp") && !entry.has("receiveTimestamp")) {
        noTimestamp.add(entry);
      } else {
        distinct.add(entry);
      }
    }
  }

  static String message(JsonObject entry) {
    return entry.has("jsonPayload")
        ? entry.getAsJsonObject("jsonPayload").get("message").getAsString()
        : "";
  }

  static String service(JsonObject entry) {
    return entry
        .getAsJsonObject("resource")
        .getAsJsonObject("labels")
        .get("service_name")
        .getAsString();
  }

  /** Whether the entry is one of the planted message's entries. */
  static boolean isOf(JsonObject entry, PlantedMessage planted) {
    if (!entry.has("sourceLocation") || !entry.has("jsonPayload")) {
      return false;
    }
    JsonObject source = entry.getAsJsonObject("sourceLocation");
    return source.get("file").getAsString().equals(planted.file())
        && source.get("line").getAsLong() == planted.line()
        && source.get("function").getAsString().equals(planted.function())
        && entry.get("severity").getAsString().equals(planted.severity().name())
        && service(entry).equals(planted.service())
        && entry.getAsJsonObject("jsonPayload").get("logger").getAsString().equals(planted.module())
        && planted.matches(message(entry));
  }
}
