package dev.loggardener.scenario;

import java.util.List;

/**
 * What one step of the generated day writes: a planted incident (one or more related entries), a
 * background entry, a redelivered entry, a malformed message or an entry carrying a secret.
 *
 * <p>Planted slots scale with the number of entries ({@code perTenThousand} of every 10,000, at
 * least one); secrets are a fixed handful; background fills the rest.
 */
enum Slot {
  RACE_AFTER_WAIT(45, Member.STARTUP_PHASE_WAIT, Member.RACE_CONDITION),
  STARTUP_WAIT_ONLY(16, Member.STARTUP_PHASE_WAIT),
  SESSION_MIDDLEWARE(77, Member.SESSION_MIDDLEWARE),
  AUTH_WEBSOCKET_FAILURE(
      58,
      Member.AUTH_CONNECTIVITY_TIMEOUT,
      Member.AUTH_UNREACHABLE,
      Member.AUTH_SSOT_WEBSOCKET,
      Member.AUTH_MAIN_MODE),
  AUTH_PROBE_TIMEOUT(19, Member.AUTH_CONNECTIVITY_TIMEOUT, Member.AUTH_UNREACHABLE),
  WEBSOCKET_CLOSE(103, Member.WEBSOCKET_CLOSE),
  READINESS_CHECK(131, Member.CLICKHOUSE_SKIPPED, Member.REDIS_SKIPPED, Member.HEALTH_CHECK),
  READINESS_CHECK_REDIS_ONLY(23, Member.REDIS_SKIPPED, Member.HEALTH_CHECK),
  HEALTH_CHECK(846, Member.HEALTH_CHECK),
  OAUTH_CONFIG_WITH_SECRET(41, Member.AUTH_CONFIG_REQUESTED, Member.OAUTH_CLIENT_SECRET),
  OAUTH_CONFIG_CACHED(29, Member.AUTH_CONFIG_REQUESTED),
  REDELIVERY(83),
  NOT_JSON(7),
  NO_TIMESTAMP(7),
  TRUNCATED(7),
  SECRET(0),
  BACKGROUND(0);

  private final long perTenThousand;
  final List<Member> members;

  Slot(long perTenThousand, Member... members) {
    this.perTenThousand = perTenThousand;
    this.members = List.of(members);
  }

  /** How many output lines one slot of this kind writes. */
  int lines() {
    return Math.max(1, members.size());
  }

  /** How many slots of this kind a day of {@code entries} lines has. */
  long count(long entries) {
    return switch (this) {
      case SECRET -> PlantedSecret.PER_KIND * PlantedSecret.Kind.values().length;
      case BACKGROUND -> {
        long planted = 0;
        for (Slot slot : values()) {
          if (slot != BACKGROUND) {
            planted += slot.count(entries) * slot.lines();
          }
        }
        yield entries - planted;
      }
      default -> Math.max(1, perTenThousand * entries / 10_000);
    };
  }
}
