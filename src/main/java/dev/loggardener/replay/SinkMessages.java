package dev.loggardener.replay;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import com.google.gson.JsonPrimitive;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Optional;

/**
 * Turns exported LogEntry lines back into the messages a log sink would have published, optionally
 * moving every entry by the same amount of time, or timing each entry at the moment it becomes a
 * message, as a sink delivers entries that are being written now.
 *
 * <p>A line that is not a JSON object with a readable time is published byte for byte without the
 * timestamp attribute, exactly as a broken message would arrive, so the pipeline dead-letters it.
 */
public final class SinkMessages {
  private static final Gson GSON = new GsonBuilder().disableHtmlEscaping().create();

  private final Duration shift;
  private final Clock now;

  /** Messages whose entries are moved by {@code shift} ({@link Duration#ZERO} for none). */
  public SinkMessages(Duration shift) {
    this(shift, null);
  }

  private SinkMessages(Duration shift, Clock now) {
    this.shift = shift;
    this.now = now;
  }

  /**
   * Messages whose entries are timed when they become messages, on {@code clock}: the file's order
   * is kept and its gaps are not, so that a day replayed in minutes arrives as live logs do, with
   * event time keeping pace with the clock.
   */
  public static SinkMessages timedAtPublish(Clock clock) {
    return new SinkMessages(Duration.ZERO, clock);
  }

  /** The message for one exported line. */
  public PubsubMessage toMessage(byte[] line) {
    Optional<JsonObject> entry = parse(line);
    if (entry.isEmpty()) {
      return new PubsubMessage(line, Map.of());
    }
    JsonObject json = entry.get();
    Optional<Instant> timestamp = time(json, "timestamp").or(() -> time(json, "receiveTimestamp"));
    if (timestamp.isEmpty()) {
      return new PubsubMessage(line, Map.of());
    }
    Duration by =
        now == null
            ? shift
            : Duration.between(timestamp.get(), now.instant().truncatedTo(ChronoUnit.MICROS));
    if (by.isZero()) {
      return new PubsubMessage(
          line, Map.of(PubsubMessage.TIMESTAMP_ATTRIBUTE, rawTime(json, timestamp.get())));
    }
    move(json, "timestamp", by);
    move(json, "receiveTimestamp", by);
    return new PubsubMessage(
        GSON.toJson(json).getBytes(StandardCharsets.UTF_8),
        Map.of(PubsubMessage.TIMESTAMP_ATTRIBUTE, timestamp.get().plus(by).toString()));
  }

  /** The latest entry time a line carries, if any: what {@code --shift-to-now} aligns with now. */
  public static Optional<Instant> latestTime(byte[] line) {
    return parse(line)
        .flatMap(json -> time(json, "timestamp").or(() -> time(json, "receiveTimestamp")));
  }

  private static void move(JsonObject json, String field, Duration by) {
    time(json, field).ifPresent(t -> json.add(field, new JsonPrimitive(t.plus(by).toString())));
  }

  private static String rawTime(JsonObject json, Instant parsed) {
    for (String field : new String[] {"timestamp", "receiveTimestamp"}) {
      if (time(json, field).isPresent()) {
        return json.get(field).getAsString();
      }
    }
    return parsed.toString();
  }

  private static Optional<JsonObject> parse(byte[] line) {
    try {
      JsonElement json = JsonParser.parseString(new String(line, StandardCharsets.UTF_8));
      return json.isJsonObject() ? Optional.of(json.getAsJsonObject()) : Optional.empty();
    } catch (JsonParseException e) {
      return Optional.empty();
    }
  }

  private static Optional<Instant> time(JsonObject json, String field) {
    JsonElement value = json.get(field);
    if (value == null || !value.isJsonPrimitive() || !value.getAsJsonPrimitive().isString()) {
      return Optional.empty();
    }
    try {
      return Optional.of(Instant.parse(value.getAsString()));
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
  }
}
