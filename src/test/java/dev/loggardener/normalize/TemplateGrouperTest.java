package dev.loggardener.normalize;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class TemplateGrouperTest {

  static Stream<Arguments> cases() {
    return Stream.of(
        Arguments.of(
            "a word position with three or more values is a variable",
            List.of(
                "session opened for user alice by (uid=<NUM>)",
                "session opened for user bob by (uid=<NUM>)",
                "session opened for user carol by (uid=<NUM>)"),
            true,
            "session opened for user <*> by (uid=<*>)"),
        Arguments.of(
            "two values are not enough evidence of a variable",
            List.of("Connection to broker opened", "Connection to broker closed"),
            false,
            null),
        Arguments.of(
            "a word that sits where other templates have a placeholder is a value",
            List.of("lookup of host <HOST> failed", "lookup of host localhost failed"),
            true,
            "lookup of host <*> failed"),
        Arguments.of(
            "verbs name events even when there are many",
            List.of(
                "[instance: <UUID>] VM Started (Lifecycle Event)",
                "[instance: <UUID>] VM Stopped (Lifecycle Event)",
                "[instance: <UUID>] VM Paused (Lifecycle Event)",
                "[instance: <UUID>] VM Resumed (Lifecycle Event)"),
            false,
            null),
        Arguments.of(
            "HTTP methods name different operations",
            List.of(
                "<IP> \"GET <PATH> HTTP/<NUM>\" status: <NUM>",
                "<IP> \"POST <PATH> HTTP/<NUM>\" status: <NUM>",
                "<IP> \"DELETE <PATH> HTTP/<NUM>\" status: <NUM>"),
            false,
            null),
        Arguments.of(
            "an empty value lines up with a filled one",
            List.of("connection from <IP> () at <TS>", "connection from <IP> (<HOST>) at <TS>"),
            true,
            "connection from <*> (<*>) at <*>"),
        Arguments.of(
            "lists of placeholders of any length are one variable",
            List.of("forwarded for <IP>,<IP> to backend", "forwarded for <IP> to backend"),
            true,
            "forwarded for <*> to backend"),
        Arguments.of(
            "booleans are values",
            List.of(
                "updateClipping isOverlap:false, top=<NUM>",
                "updateClipping isOverlap:true, top=<NUM>"),
            true,
            "updateClipping isOverlap:<*>, top=<*>"),
        Arguments.of(
            "two positions that vary together with three or more values each are variables",
            List.of(
                "acquire lock=<NUM>, tag=\"View Lock\", name=systemui, ws=null",
                "acquire lock=<NUM>, tag=\"AudioMix\", name=audioserver, ws=null",
                "acquire lock=<NUM>, tag=\"RILJ_ACK_WL\", name=phone, ws=null"),
            true,
            "acquire lock=<*>, tag=\"<*>\", name=<*>, ws=null"),
        Arguments.of(
            "differences need enough shared words around them",
            List.of("alpha started", "beta started", "gamma started"),
            false,
            null),
        Arguments.of(
            "a value written in a varying number of tokens is one variable span",
            List.of(
                "upload finished: <SIZE> (<SIZE>) in <DURATION>, checksum ok",
                "upload finished: <SIZE> in <DURATION>, checksum ok",
                "upload finished: <SIZE> (<SIZE>/<DURATION>) in <DURATION>, checksum ok"),
            true,
            "upload finished: <*> in <*>, checksum ok"),
        Arguments.of(
            "a span is bounded: a long run of values is not a span",
            List.of(
                "worker pool <NUM> <NUM> <NUM> <NUM> <NUM> <NUM> <NUM> <NUM> <NUM> <NUM> ready",
                "worker pool <NUM> ready"),
            false,
            null),
        Arguments.of(
            "a span must be the only difference",
            List.of(
                "upload finished: <SIZE> (<SIZE>) in <DURATION>, checksum ok",
                "upload finished: <SIZE> in <DURATION>, checksum mismatch"),
            false,
            null),
        Arguments.of(
            "redacted free-form tails after a shared prefix are one template",
            List.of(
                "failed to verify credentials for <EMAIL>",
                "failed to verify credentials for client_secret=<SECRET>",
                "failed to verify credentials for header Authorization: Basic <SECRET>",
                "failed to verify credentials for <JWT> (expired)"),
            true,
            "failed to verify credentials for <*>"),
        Arguments.of(
            "a free tail needs a prefix of three constant words",
            List.of("denied for <EMAIL>", "denied for key=<SECRET>"),
            false,
            null),
        Arguments.of(
            "tails without a redacted or masked value stay apart",
            List.of(
                "failed to verify credentials for service account",
                "failed to verify credentials for <EMAIL>"),
            false,
            null),
        Arguments.of(
            "request statuses are values of one event type",
            List.of(
                "<IP> \"GET /health HTTP/<NUM>\" 2xx <NUM>",
                "<IP> \"GET /health HTTP/<NUM>\" 503 <NUM>"),
            true,
            "<*> \"GET /health <*>\" <*> <*>"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void groupsTemplatesThatDifferOnlyInVaryingPositions(
      String name, List<String> templates, boolean oneGroup, String merged) {
    Map<String, Long> counts = new LinkedHashMap<>();
    templates.forEach(t -> counts.put(t, 5L));
    Map<String, String> groups = TemplateGrouper.groups(counts);
    assertThat(groups).containsOnlyKeys(templates);
    if (oneGroup) {
      assertThat(groups.values()).containsOnly(TemplateGrouper.groupId(merged));
      assertThat(TemplateGrouper.mergedTemplates(counts).values()).containsOnly(merged);
    } else {
      assertThat(groups.values()).doesNotHaveDuplicates();
    }
  }

  @Test
  void resultIsAPureFunctionOfTheSetOfTemplates() throws Exception {
    List<String> templates = new ArrayList<>();
    Fingerprinter fingerprinter = new Fingerprinter(RuleSet.loadDefault());
    RepositoryCorpus.messages()
        .forEach(m -> templates.add(fingerprinter.fingerprintMessage(m).template()));
    Map<String, String> reference = TemplateGrouper.groups(counts(templates));
    for (int seed = 0; seed < 3; seed++) {
      List<String> shuffled = new ArrayList<>(templates);
      Collections.shuffle(shuffled, new Random(seed));
      assertThat(TemplateGrouper.groups(counts(shuffled))).isEqualTo(reference);
    }
  }

  @Test
  void spansAndFreeTailsDoNotDependOnOrder() {
    List<String> templates = new ArrayList<>();
    cases().forEach(c -> templates.addAll((List<String>) c.get()[1]));
    Map<String, String> reference = TemplateGrouper.groups(counts(templates));
    for (int seed = 0; seed < 5; seed++) {
      List<String> shuffled = new ArrayList<>(templates);
      Collections.shuffle(shuffled, new Random(seed));
      assertThat(TemplateGrouper.groups(counts(shuffled))).isEqualTo(reference);
    }
  }

  private static Map<String, Long> counts(List<String> templates) {
    Map<String, Long> counts = new LinkedHashMap<>();
    templates.forEach(t -> counts.merge(t, 1L, Long::sum));
    return counts;
  }
}
