package dev.loggardener.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import dev.loggardener.logentry.Severity;
import java.time.LocalDate;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class ScenarioManifestTest {
  private static final ScenarioManifest SAMPLE =
      ScenarioManifest.of(611, 4_000, LocalDate.of(2025, 9, 11));

  static Stream<PlantedMessage> members() {
    return SAMPLE.families().stream().flatMap(f -> f.members().stream());
  }

  @ParameterizedTest
  @MethodSource("members")
  void eachMessageExampleMatchesItsOwnPattern(PlantedMessage member) {
    assertThat(member.matches(member.example())).isTrue();
  }

  @ParameterizedTest
  @MethodSource("members")
  void eachMessagePatternMatchesNoOtherMembersExample(PlantedMessage member) {
    List<PlantedMessage> others = members().filter(m -> m != member).toList();
    assertThat(others).noneMatch(other -> member.matches(other.example()));
  }

  @org.junit.jupiter.api.Test
  void listsTheSevenFamiliesOfTheExampleWorklogInPriorityOrder() {
    assertThat(SAMPLE.families())
        .extracting(PlantedFamily::title, PlantedFamily::priority, PlantedFamily::severity)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(
                "WebSocket Startup Race Condition", "P0", Severity.ERROR),
            org.assertj.core.groups.Tuple.tuple(
                "SessionMiddleware Configuration Error", "P0", Severity.ERROR),
            org.assertj.core.groups.Tuple.tuple("Auth Service Unreachable", "P0", Severity.ERROR),
            org.assertj.core.groups.Tuple.tuple(
                "WebSocket Connection Management Error", "P1", Severity.WARNING),
            org.assertj.core.groups.Tuple.tuple(
                "Optional Service Infrastructure Warnings", "P3", Severity.INFO),
            org.assertj.core.groups.Tuple.tuple(
                "Auth Service OAuth Configuration", "P4", Severity.INFO),
            org.assertj.core.groups.Tuple.tuple(
                "Service Health Check Activity", "P4", Severity.INFO));
  }

  @org.junit.jupiter.api.Test
  void logsAuthUnreachableFromThreeModulesOnTheExamplesLines() {
    PlantedFamily auth = SAMPLE.families().get(2);
    assertThat(auth.members())
        .extracting(PlantedMessage::module)
        .containsOnly(
            "netra_backend.app.services.unified_authentication_service",
            "netra_backend.app.websocket_core.unified_websocket_auth",
            "netra_backend.app.routes.websocket_ssot");
    assertThat(auth.members())
        .extracting(PlantedMessage::fileAndLine)
        .contains(
            "netra_backend/app/routes/websocket_ssot.py:417",
            "netra_backend/app/websocket_core/unified_websocket_auth.py:438",
            "netra_backend/app/services/unified_authentication_service.py:328");
  }

  @org.junit.jupiter.api.Test
  void accountsForEveryLine() {
    long planted = SAMPLE.families().stream().mapToLong(PlantedFamily::count).sum();
    assertThat(planted + SAMPLE.background() + SAMPLE.redeliveries() + SAMPLE.malformed())
        .isEqualTo(SAMPLE.entries());
  }

  @org.junit.jupiter.api.Test
  void scalesThePlantedCountsWithTheDay() {
    ScenarioManifest big = ScenarioManifest.of(611, 10_000_000, LocalDate.of(2025, 9, 11));
    assertThat(big.families().get(6).count()).isEqualTo(1_000L * (846 + 131 + 23));
    assertThat(big.secrets()).isEqualTo(SAMPLE.secrets());
  }
}
