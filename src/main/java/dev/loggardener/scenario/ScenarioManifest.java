package dev.loggardener.scenario;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * What a generated staging day contains, known before it is written: the seven planted families
 * with exact counts, the redeliveries, the malformed messages and the planted secrets.
 *
 * @param seed the generator seed
 * @param entries how many lines the output has, redeliveries and malformed messages included
 * @param date the UTC day the entries are spread over
 * @param families the planted families, in the example worklog's order
 * @param redeliveries lines that repeat an earlier entry byte for byte (same insertId)
 * @param notJson lines that are not JSON at all
 * @param noTimestamp LogEntry objects without {@code timestamp} or {@code receiveTimestamp}
 * @param truncated LogEntry objects cut off part way
 * @param secrets the secrets planted in messages, each in exactly one entry
 * @param background distinct well-formed entries outside the families, all INFO, the secret
 *     carriers included
 */
public record ScenarioManifest(
    long seed,
    long entries,
    LocalDate date,
    List<PlantedFamily> families,
    long redeliveries,
    long notJson,
    long noTimestamp,
    long truncated,
    List<PlantedSecret> secrets,
    long background) {
  public ScenarioManifest {
    Objects.requireNonNull(date, "date");
    families = List.copyOf(families);
    secrets = List.copyOf(secrets);
  }

  /** The manifest of the day {@link ScenarioGenerator} writes for these settings. */
  public static ScenarioManifest of(long seed, long entries, LocalDate date) {
    Map<Member, Long> counts = new EnumMap<>(Member.class);
    for (Slot slot : Slot.values()) {
      for (Member member : slot.members) {
        counts.merge(member, slot.count(entries), Long::sum);
      }
    }
    List<PlantedFamily> families = new ArrayList<>();
    for (Family family : Family.values()) {
      List<PlantedMessage> members = new ArrayList<>();
      for (Member member : Member.values()) {
        if (member.family == family) {
          members.add(
              new PlantedMessage(
                  member.service,
                  member.module,
                  member.file,
                  member.line,
                  member.function,
                  member.severity,
                  member.example,
                  Pattern.compile(member.pattern),
                  counts.get(member)));
        }
      }
      families.add(
          new PlantedFamily(
              family.number, family.title, family.priority, members.get(0).service(), members));
    }
    return new ScenarioManifest(
        seed,
        entries,
        date,
        families,
        Slot.REDELIVERY.count(entries),
        Slot.NOT_JSON.count(entries),
        Slot.NO_TIMESTAMP.count(entries),
        Slot.TRUNCATED.count(entries),
        PlantedSecret.derive(seed),
        Slot.BACKGROUND.count(entries) + Slot.SECRET.count(entries));
  }

  /** Well-formed entries counted once each: everything the pipeline should aggregate. */
  public long distinctEntries() {
    return entries - redeliveries - malformed();
  }

  /** Lines the pipeline should dead-letter. */
  public long malformed() {
    return notJson + noTimestamp + truncated;
  }
}
