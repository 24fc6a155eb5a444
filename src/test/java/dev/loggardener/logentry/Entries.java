package dev.loggardener.logentry;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Map;

/** Builds LogEntry JSON for tests and parses it with the default parser. */
final class Entries {
  static final LogEntryParser PARSER = new LogEntryParser();
  static final String TIME = "\"timestamp\":\"2024-01-02T03:04:05Z\"";

  private Entries() {}

  /** An entry with a valid timestamp plus the given top-level members (without braces). */
  static String entry(String members) {
    return "{" + TIME + (members.isEmpty() ? "" : "," + members) + "}";
  }

  static ParseResult parse(String json) {
    return PARSER.parse(json.getBytes(StandardCharsets.UTF_8), Map.of());
  }

  static LogEntry parsed(String json) {
    ParseResult result = parse(json);
    assertThat(result).as("parse result of %s", json).isInstanceOf(ParseResult.Parsed.class);
    return ((ParseResult.Parsed) result).entry();
  }

  static ParseResult.Rejected rejected(byte[] payload) {
    ParseResult result = PARSER.parse(payload, Map.of());
    assertThat(result).isInstanceOf(ParseResult.Rejected.class);
    return (ParseResult.Rejected) result;
  }
}
