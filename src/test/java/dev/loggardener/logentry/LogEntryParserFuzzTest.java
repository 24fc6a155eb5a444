package dev.loggardener.logentry;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Feeds deterministic mutations of the public samples to the parser and checks that every call
 * returns a result, that results are repeatable and equal to the tree reading's, that parsed
 * entries render, and that the event time read alone is the parsed entry's timestamp.
 */
class LogEntryParserFuzzTest {
  private static final long SEED = 20261128L;
  private static final int ROUNDS = 5_000;
  // An unrolled string loop: an alternation inside a star recurses per character and would
  // overflow the stack on the multi-megabyte strings this test creates.
  private static final Pattern SCALAR_MEMBER =
      Pattern.compile(
          "\"([\\w@.-]+)\": ?(\"[^\"\\\\]*+(?:\\\\.[^\"\\\\]*+)*+\"|-?\\d[\\d.eE+-]*|true|false|null)");
  private static final Pattern OBJECT_MEMBER = Pattern.compile("\"([\\w@.-]+)\": ?\\{");
  private static final String[] REPLACEMENTS = {
    "123",
    "\"123\"",
    "{}",
    "[]",
    "null",
    "true",
    "\"x\"",
    "{\"a\":[1,{\"b\":null}]}",
    "-1e999",
    "1e400",
    "\"2024-99-99T00:00:00Z\"",
    "\"\\u0000\\u001f\\ud800\"",
    "9223372036854775808",
    "\"Traceback (most recent call last):\\n  File \\\"x\\\", line 99999999999\"",
    "\"panic: x\\n\\ngoroutine 1 [running]:\\nmain.f(\\n\\t/a.go:1 +0x1\"",
    "\"\\tat a.B(C.java:1)\\n... 99999 more\\nCaused by: \\nCaused by: x.YError\"",
  };
  private static final String[] INSERTS = {
    "{", "}", "[", "]", "\"", ",", ":", "\\", "\\u", "\u0000", "\n", "\t", " ", "é", "\ud83d\ude00"
  };

  private final LogEntryParser parser = new LogEntryParser();
  private final LogEntryRenderer renderer = new LogEntryRenderer();

  @Test
  void returnsAResultForEveryMutationOfThePublicSamples() {
    List<byte[]> samples = new ArrayList<>();
    for (String line : PublicSamples.lines()) {
      samples.add(line.getBytes(StandardCharsets.UTF_8));
    }
    Random random = new Random(SEED);
    Map<RejectReason, Integer> rejected = new EnumMap<>(RejectReason.class);
    int parsed = 0;
    for (int round = 0; round < ROUNDS; round++) {
      byte[] input = samples.get(random.nextInt(samples.size()));
      int mutations = 1 + random.nextInt(3);
      for (int m = 0; m < mutations; m++) {
        input = mutate(input, random);
      }
      ParseResult result = parser.parse(input, Map.of());
      assertThat(result).as("round %d", round).isNotNull();
      assertThat(parser.parse(input, Map.of())).as("repeat of round %d", round).isEqualTo(result);
      assertThat(parser.parseTree(input, Map.of()))
          .as("tree reading of round %d", round)
          .isEqualTo(result);
      if (result instanceof ParseResult.Parsed ok) {
        assertThat(renderer.render(ok.entry())).startsWith("{");
        assertThat(parser.eventTime(input, Map.of()))
            .as("event time of round %d", round)
            .contains(ok.entry().timestamp());
        parsed++;
      } else {
        rejected.merge(((ParseResult.Rejected) result).reason(), 1, Integer::sum);
      }
    }
    // The mutations must reach both outcomes and the main rejection paths, or they prove little.
    assertThat(parsed).isGreaterThan(ROUNDS / 10);
    assertThat(rejected)
        .containsKeys(
            RejectReason.NOT_JSON,
            RejectReason.TOO_DEEP,
            RejectReason.TOO_LARGE,
            RejectReason.INVALID_UTF8,
            RejectReason.WRONG_FIELD_TYPE,
            RejectReason.BAD_TIMESTAMP);
  }

  @Test
  void stackTraceParserReturnsForRandomLineSoup() {
    String[] pieces = {
      "Traceback (most recent call last):",
      "  File \"a.py\", line 3, in f",
      "ValueError: x",
      "panic: boom",
      "goroutine 7 [running]:",
      "main.f(0x1)",
      "\t/a/b.go:12 +0x3",
      "created by main.g in goroutine 1",
      "java.lang.IllegalStateException: bad",
      "\tat a.b.C.d(C.java:1)",
      "\tat a.b.C.<init>(Unknown Source)",
      "Caused by: java.io.IOException: io",
      "\t... 3 more",
      "Suppressed: x.y.ZException",
      "TypeError: undefined",
      "    at fn (/app/x.js:1:2)",
      "    at /app/y.js:3:4",
      "    at async Promise.all (index 0)",
      "[cause]: Error: inner",
      "",
      "(((((((((((",
      "at at at (((:::)))",
    };
    StackTraceParser stacks = new StackTraceParser();
    Random random = new Random(SEED);
    int found = 0;
    for (int round = 0; round < 3_000; round++) {
      StringBuilder text = new StringBuilder();
      int lines = random.nextInt(40);
      for (int i = 0; i < lines; i++) {
        text.append(pieces[random.nextInt(pieces.length)]).append('\n');
      }
      if (stacks.parse(text.toString()).isPresent()) {
        found++;
      }
    }
    assertThat(found).isGreaterThan(1_000);
  }

  private static byte[] mutate(byte[] input, Random random) {
    int n = input.length;
    switch (random.nextInt(11)) {
      case 0 -> {
        return Arrays.copyOf(input, n == 0 ? 0 : random.nextInt(n));
      }
      case 1 -> {
        byte[] out = input.clone();
        if (n > 0) {
          out[random.nextInt(n)] ^= (byte) (1 + random.nextInt(255));
        }
        return out;
      }
      case 2 -> {
        byte[] out = input.clone();
        for (int i = 0; n > 0 && i < 1 + random.nextInt(8); i++) {
          out[random.nextInt(n)] = (byte) random.nextInt(256);
        }
        return out;
      }
      case 3 -> {
        return insert(input, random.nextInt(n + 1), utf8(INSERTS[random.nextInt(INSERTS.length)]));
      }
      case 4 -> {
        int from = random.nextInt(n + 1);
        int to = Math.min(n, from + random.nextInt(200));
        byte[] out = new byte[n - (to - from)];
        System.arraycopy(input, 0, out, 0, from);
        System.arraycopy(input, to, out, from, n - to);
        return out;
      }
      case 5 -> {
        return swapType(input, random);
      }
      case 6 -> {
        int depth = random.nextBoolean() ? 1 + random.nextInt(80) : 1 + random.nextInt(20_000);
        String value = "[".repeat(depth) + "1" + "]".repeat(random.nextInt(4) == 0 ? 0 : depth);
        return replaceFirst(
            input, "\"jsonPayload\": ", "\"jsonPayload\": {\"deep\":" + value + "}, \"x\": ");
      }
      case 7 -> {
        int size = random.nextInt(4) == 0 ? 1_100_000 : random.nextInt(100_000);
        String huge = "x".repeat(size);
        return replaceFirst(input, "{", "{\"textPayload\": \"" + huge + "\", ");
      }
      case 8 -> {
        int from = random.nextInt(n + 1);
        int to = Math.min(n, from + random.nextInt(300));
        return insert(input, random.nextInt(n + 1), Arrays.copyOfRange(input, from, to));
      }
      case 9 -> {
        byte[][] bad = {
          {(byte) 0xC3, 0x28}, {(byte) 0xED, (byte) 0xA0, (byte) 0x80}, {0}, {(byte) 0xFF}
        };
        return insert(input, random.nextInt(n + 1), bad[random.nextInt(bad.length)]);
      }
      default -> {
        return replaceFirst(
            input,
            "\"message\": \"",
            "\"message\": \"" + REPLACEMENTS[13 + random.nextInt(3)].replace("\"", "") + "\\n");
      }
    }
  }

  private static byte[] swapType(byte[] input, Random random) {
    String text = new String(input, StandardCharsets.UTF_8);
    Matcher matcher = (random.nextBoolean() ? SCALAR_MEMBER : OBJECT_MEMBER).matcher(text);
    List<int[]> spans = new ArrayList<>();
    while (matcher.find()) {
      spans.add(new int[] {matcher.start(), matcher.end(), matcher.end(1) + 1});
    }
    if (spans.isEmpty()) {
      return input;
    }
    int[] span = spans.get(random.nextInt(spans.size()));
    String replacement = REPLACEMENTS[random.nextInt(REPLACEMENTS.length)];
    boolean object = text.charAt(span[1] - 1) == '{';
    String swapped =
        object
            ? text.substring(0, span[2])
                + ": "
                + replacement
                + ", \"moved\": {"
                + text.substring(span[1])
            : text.substring(0, span[2]) + ": " + replacement + text.substring(span[1]);
    return utf8(swapped);
  }

  private static byte[] replaceFirst(byte[] input, String target, String replacement) {
    String text = new String(input, StandardCharsets.UTF_8);
    int at = text.indexOf(target);
    return at < 0
        ? input
        : utf8(text.substring(0, at) + replacement + text.substring(at + target.length()));
  }

  private static byte[] insert(byte[] input, int at, byte[] piece) {
    byte[] out = new byte[input.length + piece.length];
    System.arraycopy(input, 0, out, 0, at);
    System.arraycopy(piece, 0, out, at, piece.length);
    System.arraycopy(input, at, out, at + piece.length, input.length - at);
    return out;
  }

  private static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
