package dev.loggardener.scenario;

import dev.loggardener.logentry.Severity;
import java.util.List;
import java.util.Objects;

/**
 * One problem family planted in the scenario: the category the worklog should report for it.
 *
 * @param number its issue number in the example worklog, 1 to 7
 * @param title the example worklog's title for it
 * @param priority the example's priority, {@code P0} to {@code P4}
 * @param service the Cloud Run service that logs it
 * @param members its message shapes, each with its planted count
 */
public record PlantedFamily(
    int number, String title, String priority, String service, List<PlantedMessage> members) {
  public PlantedFamily {
    Objects.requireNonNull(title, "title");
    Objects.requireNonNull(priority, "priority");
    Objects.requireNonNull(service, "service");
    members = List.copyOf(members);
    if (members.isEmpty()) {
      throw new IllegalArgumentException("a family has at least one message");
    }
  }

  /** The most severe level among its messages. */
  public Severity severity() {
    Severity worst = Severity.DEFAULT;
    for (PlantedMessage member : members) {
      worst = Severity.max(worst, member.severity());
    }
    return worst;
  }

  /** How many distinct entries belong to it. */
  public long count() {
    return members.stream().mapToLong(PlantedMessage::count).sum();
  }
}
