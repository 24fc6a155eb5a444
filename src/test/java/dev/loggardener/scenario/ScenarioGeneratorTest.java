package dev.loggardener.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.gson.JsonObject;
import dev.loggardener.logentry.LogEntry;
import dev.loggardener.logentry.LogEntryParser;
import dev.loggardener.logentry.ParseResult;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ScenarioGeneratorTest {
  private static final LocalDate DAY = LocalDate.of(2025, 9, 11);

  static Stream<Arguments> days() {
    return Stream.of(
        Arguments.of(611L, 4_000L, DAY),
        Arguments.of(7L, 1_000L, LocalDate.of(2024, 2, 29)),
        Arguments.of(-42L, 9_876L, DAY));
  }

  @Test
  void sameSeedWritesTheSameBytes() throws IOException {
    assertThat(fresh(611)).isEqualTo(GeneratedDay.of(611, 4_000, DAY).lines);
  }

  private static List<String> fresh(long seed) throws IOException {
    List<String> lines = new ArrayList<>();
    new ScenarioGenerator(seed, 4_000, DAY).generate(lines::add);
    return lines;
  }

  @Test
  void differentSeedWritesDifferentEntries() throws IOException {
    List<String> first = GeneratedDay.of(611, 4_000, DAY).lines;
    List<String> second = fresh(612);
    assertThat(first).hasSameSizeAs(second);
    assertThat(new HashSet<>(first)).doesNotContainAnyElementsOf(second);
  }

  @ParameterizedTest
  @MethodSource("days")
  void writesExactlyTheRequestedNumberOfLines(long seed, long entries, LocalDate date) {
    GeneratedDay day = GeneratedDay.of(seed, entries, date);
    assertThat(day.lines).hasSize((int) entries);
    assertThat(day.distinct).hasSize((int) day.manifest.distinctEntries());
  }

  @ParameterizedTest
  @MethodSource("days")
  void plantsEveryFamilyMessageExactlyAsOftenAsTheManifestSays(
      long seed, long entries, LocalDate date) {
    GeneratedDay day = GeneratedDay.of(seed, entries, date);
    for (PlantedFamily family : day.manifest.families()) {
      for (PlantedMessage planted : family.members()) {
        long found = day.distinct.stream().filter(e -> GeneratedDay.isOf(e, planted)).count();
        assertThat(found).as(family.title() + " / " + planted.example()).isEqualTo(planted.count());
      }
    }
  }

  @ParameterizedTest
  @MethodSource("days")
  void everyWarningOrErrorBelongsToAPlantedFamily(long seed, long entries, LocalDate date) {
    GeneratedDay day = GeneratedDay.of(seed, entries, date);
    List<PlantedMessage> planted =
        day.manifest.families().stream().flatMap(f -> f.members().stream()).toList();
    List<JsonObject> unplanted =
        day.distinct.stream()
            .filter(e -> !e.get("severity").getAsString().equals("INFO"))
            .filter(e -> planted.stream().noneMatch(p -> GeneratedDay.isOf(e, p)))
            .toList();
    assertThat(unplanted).isEmpty();
  }

  @ParameterizedTest
  @MethodSource("days")
  void redeliversEarlierEntriesByteForByte(long seed, long entries, LocalDate date) {
    GeneratedDay day = GeneratedDay.of(seed, entries, date);
    assertThat(day.redelivered).hasSize((int) day.manifest.redeliveries());
    for (String line : day.redelivered) {
      assertThat(day.lines.indexOf(line)).isLessThan(day.lines.lastIndexOf(line));
    }
  }

  @ParameterizedTest
  @MethodSource("days")
  void writesTheDeclaredMalformedMessages(long seed, long entries, LocalDate date) {
    GeneratedDay day = GeneratedDay.of(seed, entries, date);
    assertThat(day.notJson).hasSize((int) day.manifest.notJson());
    assertThat(day.truncated).hasSize((int) day.manifest.truncated());
    assertThat(day.noTimestamp).hasSize((int) day.manifest.noTimestamp());
  }

  @ParameterizedTest
  @MethodSource("days")
  void plantsEachSecretInExactlyOneEntry(long seed, long entries, LocalDate date) {
    GeneratedDay day = GeneratedDay.of(seed, entries, date);
    assertThat(day.manifest.secrets()).hasSize(8);
    for (PlantedSecret secret : day.manifest.secrets()) {
      long carriers =
          day.distinct.stream()
              .filter(e -> GeneratedDay.message(e).contains(secret.value()))
              .count();
      assertThat(carriers).as(secret.kind().name()).isEqualTo(1);
      assertThat(day.lines.stream().filter(l -> l.contains(secret.value()))).hasSize(1);
    }
  }

  @ParameterizedTest
  @MethodSource("days")
  void spreadsTheEntriesOverTheDayInOrder(long seed, long entries, LocalDate date) {
    GeneratedDay day = GeneratedDay.of(seed, entries, date);
    Instant start = date.atStartOfDay().toInstant(java.time.ZoneOffset.UTC);
    List<Instant> times = new ArrayList<>();
    for (JsonObject entry : day.distinct) {
      times.add(Instant.parse(entry.get("timestamp").getAsString()));
    }
    assertThat(times).allMatch(t -> !t.isBefore(start) && t.isBefore(start.plusSeconds(86_405)));
    assertThat(times.get(0)).isBefore(start.plusSeconds(3_600));
    assertThat(times.get(times.size() - 1)).isAfter(start.plusSeconds(82_800));
  }

  @Test
  void usesSeveralRevisionsAndInstancesOfBothServices() {
    GeneratedDay day = GeneratedDay.of(611, 4_000, DAY);
    Set<String> revisions = new HashSet<>();
    Set<String> instances = new HashSet<>();
    for (JsonObject entry : day.distinct) {
      revisions.add(
          entry
              .getAsJsonObject("resource")
              .getAsJsonObject("labels")
              .get("revision_name")
              .getAsString());
      instances.add(entry.getAsJsonObject("labels").get("instanceId").getAsString());
    }
    assertThat(revisions).hasSize(5);
    assertThat(instances).hasSize(13);
  }

  @Test
  void theProductionParserReadsEveryPlantedEntryAsPlantedAndRejectsOnlyTheMalformedOnes() {
    GeneratedDay day = GeneratedDay.of(611, 4_000, DAY);
    LogEntryParser parser = new LogEntryParser();
    Map<String, LogEntry> distinct = new HashMap<>();
    long rejected = 0;
    for (String line : day.lines) {
      ParseResult result = parser.parse(line.getBytes(StandardCharsets.UTF_8), Map.of());
      if (result instanceof ParseResult.Parsed parsed) {
        distinct.putIfAbsent(parsed.entry().insertId(), parsed.entry());
      } else {
        rejected++;
      }
    }
    assertThat(rejected).isEqualTo(day.manifest.malformed());
    for (PlantedFamily family : day.manifest.families()) {
      for (PlantedMessage planted : family.members()) {
        List<LogEntry> found =
            distinct.values().stream().filter(e -> parsedAs(e, planted)).toList();
        assertThat(found).as(planted.example()).hasSize((int) planted.count());
        if (planted.module().equals("logging")) {
          assertThat(found).allMatch(e -> e.stackTrace().exceptionType().equals("AssertionError"));
        }
      }
    }
  }

  private static boolean parsedAs(LogEntry entry, PlantedMessage planted) {
    return entry.sourceLocation() != null
        && planted.file().equals(entry.sourceLocation().file())
        && Long.valueOf(planted.line()).equals(entry.sourceLocation().line())
        && planted.function().equals(entry.sourceLocation().function())
        && planted.module().equals(entry.logger())
        && planted.severity() == entry.severity()
        && planted.service().equals(entry.service().service())
        && planted.matches(entry.message());
  }

  @Test
  void refusesADayTooSmallToHoldThePlantedProblems() {
    assertThatThrownBy(() -> new ScenarioGenerator(1, ScenarioGenerator.MIN_ENTRIES - 1, DAY))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("at least 1000 entries");
  }
}
