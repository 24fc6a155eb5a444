package dev.loggardener.scenario;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;

/**
 * A secret planted inside one message of the scenario; its value must never reach the store, the
 * worklog or the logs.
 *
 * @param kind what sort of secret it is
 * @param value the exact secret text as it appears in the message
 */
public record PlantedSecret(Kind kind, String value) {
  static final int PER_KIND = 2;
  private static final long SALT = 0x5EC7E75L;
  private static final String JWT_HEADER = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9";
  private static final String[] FIRST = {"priya", "marcus", "elena", "tomas", "aiko", "jordan"};
  private static final String[] LAST = {
    "sharma", "okafor", "novak", "lindqvist", "tanaka", "reyes"
  };

  /** The kinds of secret a message may leak. */
  public enum Kind {
    BEARER_TOKEN,
    PASSWORD,
    API_KEY,
    EMAIL
  }

  public PlantedSecret {
    Objects.requireNonNull(kind, "kind");
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException("a planted secret needs a value");
    }
  }

  /** The secrets of a scenario seed, {@link #PER_KIND} of each kind, in planting order. */
  static List<PlantedSecret> derive(long seed) {
    SplittableRandom random = new SplittableRandom(seed ^ SALT);
    List<PlantedSecret> secrets = new ArrayList<>();
    for (int i = 0; i < PER_KIND; i++) {
      for (Kind kind : Kind.values()) {
        secrets.add(new PlantedSecret(kind, value(kind, random)));
      }
    }
    return List.copyOf(secrets);
  }

  private static String value(Kind kind, SplittableRandom random) {
    return switch (kind) {
      case BEARER_TOKEN ->
          JWT_HEADER + '.' + RandomText.urlSafe(random, 118) + '.' + RandomText.urlSafe(random, 43);
      case PASSWORD -> "Stg!" + RandomText.urlSafe(random, 18);
      case API_KEY -> "AIzaSy" + RandomText.urlSafe(random, 33);
      case EMAIL ->
          FIRST[random.nextInt(FIRST.length)]
              + '.'
              + LAST[random.nextInt(LAST.length)]
              + (10 + random.nextInt(90))
              + "@example.com";
    };
  }
}
