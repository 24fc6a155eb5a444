package dev.loggardener.jobs;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.google.gson.JsonPrimitive;
import dev.loggardener.beam.RawMessage;
import java.io.ByteArrayOutputStream;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * A seeded, deterministic stream of hostile Pub/Sub messages made by mutating well-formed LogEntry
 * lines: the same seed and base lines always give the same messages, byte for byte.
 *
 * <p>Message {@code i} is a pure function of the seed, the base lines and {@code i}, so a pipeline
 * can generate messages on the fly and a test can regenerate any of them to compare. Each message
 * has a unique message id. Huge (10 MB) payloads are capped at {@link #MAX_HUGE} per stream so that
 * a test stays within a small heap.
 */
final class HostileMessages implements Serializable {
  /** How many 10 MB messages one stream holds at most. */
  static final int MAX_HUGE = 3;

  /** Spacing of the huge messages. */
  static final int HUGE_EVERY = 3_000;

  private static final int TEN_MB = 10 * 1024 * 1024;
  private static final int DEEP = 10_000;
  private static final String[] ODD_TEXT = {
    "💥🔥 crash in 支付服务 — naïve café",
    "Ã©Ã¨Ã Ã¼ mojibake Ã¢â‚¬â„¢",
    "\u202eevil\u202c right-to-left \u200d\u200b zero width",
    "e\u0301\u0301\u0301 combining \uD83D\uDC68\u200D\uD83D\uDC69\u200D\uD83D\uDC67",
    "<script>alert(1)</script> | **bold** [x](javascript:alert(1)) `code`",
    "NUL\u0000in\u0001the\u001b[31mmiddle\r\nCR LF\tTAB\u007f",
  };
  private static final String[] EXTREME_TIMES = {
    "0001-01-01T00:00:00Z",
    "9999-12-31T23:59:59.999999999Z",
    "0000-01-01T00:00:00Z",
    "10000-01-01T00:00:00Z",
    "2026-02-30T25:61:61Z",
    "-0001-01-01T00:00:00Z",
    "1970-01-01T00:00:00Z",
  };
  private static final String[] WHOLE_PAYLOADS = {
    "{}", "", " ", "[]", "null", "0", "\"text\"", "{\"\":{}}", "[{}]", "{\"jsonPayload\":{}}"
  };

  /** The kinds of mutation, each applied to one base line. */
  enum Mutation {
    UNCHANGED,
    REDELIVERY,
    TRUNCATED,
    WRONG_TYPES,
    LARGE_FIELD,
    HUGE_FIELD,
    DEEP_NESTING,
    INVALID_UTF8,
    CONTROL_CHARACTERS,
    ODD_TEXT,
    EXTREME_TIMESTAMP,
    EMPTY,
    DUPLICATE_KEYS
  }

  private final long seed;
  private final List<String> bases;
  private final List<String> objects;

  HostileMessages(long seed, List<String> bases) {
    if (bases.isEmpty()) {
      throw new IllegalArgumentException("no base lines to mutate");
    }
    this.seed = seed;
    this.bases = List.copyOf(bases);
    this.objects = bases.stream().filter(HostileMessages::isObject).toList();
    if (objects.isEmpty()) {
      throw new IllegalArgumentException("no base line is a JSON object");
    }
  }

  private static boolean isObject(String line) {
    try {
      return JsonParser.parseString(line).isJsonObject();
    } catch (com.google.gson.JsonParseException e) {
      return false;
    }
  }

  /**
   * The mutation of message {@code index}: the first messages take every kind once, huge ones recur
   * every {@link #HUGE_EVERY} messages up to {@link #MAX_HUGE}, the rest are drawn at random.
   */
  Mutation kind(int index) {
    Mutation[] kinds = Mutation.values();
    if (index < kinds.length) {
      return kinds[index];
    }
    int hugeOrdinal = Mutation.HUGE_FIELD.ordinal();
    if (index % HUGE_EVERY == hugeOrdinal && index / HUGE_EVERY < MAX_HUGE) {
      return Mutation.HUGE_FIELD;
    }
    Mutation kind = kinds[random(index).nextInt(kinds.length)];
    return kind == Mutation.HUGE_FIELD ? Mutation.LARGE_FIELD : kind;
  }

  /** How many messages of each mutation the first {@code n} messages hold. */
  Map<Mutation, Integer> counts(int n) {
    Map<Mutation, Integer> counts = new EnumMap<>(Mutation.class);
    for (int i = 0; i < n; i++) {
      counts.merge(kind(i), 1, Integer::sum);
    }
    return counts;
  }

  /** Message {@code index}: a pure function of the seed, the base lines and the index. */
  RawMessage message(int index) {
    Mutation kind = kind(index);
    SplittableRandom random = random(index);
    random.nextInt();
    byte[] payload;
    if (kind == Mutation.REDELIVERY) {
      int earlier = index == 0 ? 0 : random.nextInt(index);
      payload =
          index == 0
              ? utf8(bases.get(0))
              : message(kind(earlier) == Mutation.HUGE_FIELD ? earlier - 1 : earlier).payload();
    } else {
      List<String> from =
          kind == Mutation.UNCHANGED || kind == Mutation.TRUNCATED || kind == Mutation.INVALID_UTF8
              ? bases
              : objects;
      payload = mutate(kind, from.get(random.nextInt(from.size())), random);
    }
    return new RawMessage(payload, Map.of(), "hostile-" + index);
  }

  private SplittableRandom random(int index) {
    return new SplittableRandom(seed * 1_000_003L + index);
  }

  private static byte[] mutate(Mutation kind, String line, SplittableRandom random) {
    return switch (kind) {
      case UNCHANGED, REDELIVERY -> utf8(line);
      case TRUNCATED -> Arrays.copyOf(utf8(line), random.nextInt(Math.max(1, utf8(line).length)));
      case WRONG_TYPES -> utf8(wrongTypes(JsonParser.parseString(line).getAsJsonObject(), random));
      case LARGE_FIELD -> withText(line, "x".repeat(1_000 + random.nextInt(16_000)));
      case HUGE_FIELD -> withText(line, "y".repeat(TEN_MB - 1_000));
      case DEEP_NESTING -> deep(line, random);
      case INVALID_UTF8 -> invalidUtf8(line, random);
      case CONTROL_CHARACTERS -> controlCharacters(line, random);
      case ODD_TEXT -> withText(line, ODD_TEXT[random.nextInt(ODD_TEXT.length)]);
      case EXTREME_TIMESTAMP -> extremeTimestamp(line, random);
      case EMPTY -> utf8(WHOLE_PAYLOADS[random.nextInt(WHOLE_PAYLOADS.length)]);
      case DUPLICATE_KEYS -> duplicateKeys(line, random);
    };
  }

  private static String wrongTypes(JsonObject entry, SplittableRandom random) {
    JsonElement[] odd = {
      new JsonPrimitive(12345),
      new JsonPrimitive(true),
      new JsonArray(),
      new JsonObject(),
      com.google.gson.JsonNull.INSTANCE,
      new JsonPrimitive(-1e308),
      new JsonPrimitive("not-the-right-type"),
    };
    String[] fields = {
      "timestamp",
      "severity",
      "labels",
      "httpRequest",
      "jsonPayload",
      "textPayload",
      "insertId",
      "logName",
      "resource",
      "trace",
      "sourceLocation",
      "receiveTimestamp"
    };
    int changes = 1 + random.nextInt(3);
    for (int i = 0; i < changes; i++) {
      entry.add(fields[random.nextInt(fields.length)], odd[random.nextInt(odd.length)]);
    }
    return entry.toString();
  }

  private static byte[] withText(String line, String text) {
    JsonObject entry = JsonParser.parseString(line).getAsJsonObject();
    entry.remove("jsonPayload");
    entry.remove("protoPayload");
    entry.addProperty("textPayload", text);
    return utf8(entry.toString());
  }

  /** Arrays or objects nested {@link #DEEP} levels, inside jsonPayload or as the whole payload. */
  private static byte[] deep(String line, SplittableRandom random) {
    boolean arrays = random.nextBoolean();
    String open = arrays ? "[" : "{\"a\":";
    String close = arrays ? "]" : "}";
    String nested = open.repeat(DEEP) + "1" + close.repeat(DEEP);
    if (random.nextBoolean()) {
      return utf8(nested);
    }
    String entry = line.strip();
    return utf8("{\"jsonPayload\":{\"deep\":" + nested + "}," + entry.substring(1));
  }

  private static byte[] invalidUtf8(String line, SplittableRandom random) {
    byte[][] bad = {
      {(byte) 0xC3, 0x28},
      {(byte) 0xFF, (byte) 0xFE},
      {(byte) 0xED, (byte) 0xA0, (byte) 0x80},
      {(byte) 0xF0, (byte) 0x9F},
      {(byte) 0xC0, (byte) 0xAF},
      {(byte) 0x80},
    };
    byte[] message = utf8(line);
    int at = random.nextInt(message.length + 1);
    byte[] insert = bad[random.nextInt(bad.length)];
    ByteArrayOutputStream out = new ByteArrayOutputStream(message.length + insert.length);
    out.write(message, 0, at);
    out.write(insert, 0, insert.length);
    out.write(message, at, message.length - at);
    return out.toByteArray();
  }

  /** Raw control bytes (invalid inside JSON strings) or escaped ones (valid), at random. */
  private static byte[] controlCharacters(String line, SplittableRandom random) {
    if (random.nextBoolean()) {
      return withText(line, "before\u0000\u0001\u0002\u001b[2J\u0007after\u0085\u2028\u2029");
    }
    byte[] message = utf8(line);
    int at = random.nextInt(message.length + 1);
    byte[] out = new byte[message.length + 2];
    System.arraycopy(message, 0, out, 0, at);
    out[at] = 0;
    out[at + 1] = (byte) (1 + random.nextInt(31));
    System.arraycopy(message, at, out, at + 2, message.length - at);
    return out;
  }

  private static byte[] extremeTimestamp(String line, SplittableRandom random) {
    JsonObject entry = JsonParser.parseString(line).getAsJsonObject();
    if (random.nextInt(4) == 0) {
      JsonObject seconds = new JsonObject();
      seconds.addProperty("seconds", random.nextBoolean() ? 400_000_000_000L : -100_000_000_000L);
      entry.add("timestamp", seconds);
      return utf8(entry.toString());
    }
    String time = EXTREME_TIMES[random.nextInt(EXTREME_TIMES.length)];
    entry.addProperty("timestamp", time);
    if (random.nextBoolean()) {
      entry.addProperty("receiveTimestamp", time);
    }
    return utf8(entry.toString());
  }

  /** The same key twice with different values: first wins in some parsers, last in others. */
  private static byte[] duplicateKeys(String line, SplittableRandom random) {
    String entry = line.strip();
    String[] first = {
      "\"timestamp\":\"2001-01-01T00:00:00Z\",",
      "\"severity\":\"EMERGENCY\",",
      "\"insertId\":\"dup\",",
      "\"textPayload\":\"shadowed\",",
      "\"timestamp\":42,",
    };
    String prefix = first[random.nextInt(first.length)];
    String suffix = ",\"severity\":\"DEBUG\",\"severity\":[1]}";
    return utf8(
        "{"
            + prefix
            + entry.substring(1, entry.length() - 1)
            + (random.nextBoolean() ? suffix : "}"));
  }

  private static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
