package dev.loggardener.logentry;

import java.util.Locale;
import java.util.Optional;

/** The nine Cloud Logging {@code LogSeverity} levels with their numeric values. */
public enum Severity {
  DEFAULT(0),
  DEBUG(100),
  INFO(200),
  NOTICE(300),
  WARNING(400),
  ERROR(500),
  CRITICAL(600),
  ALERT(700),
  EMERGENCY(800);

  private final int number;

  Severity(int number) {
    this.number = number;
  }

  /** The numeric value Cloud Logging uses for this level. */
  public int number() {
    return number;
  }

  /** Looks up a level by its exact Cloud Logging name, ignoring case. */
  public static Optional<Severity> fromName(String name) {
    if (name == null) {
      return Optional.empty();
    }
    try {
      return Optional.of(valueOf(name.trim().toUpperCase(Locale.ROOT)));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  /** Looks up a level by its exact numeric value. */
  public static Optional<Severity> fromNumber(int number) {
    for (Severity severity : values()) {
      if (severity.number == number) {
        return Optional.of(severity);
      }
    }
    return Optional.empty();
  }

  /** The more severe of two levels. */
  public static Severity max(Severity a, Severity b) {
    return a.number >= b.number ? a : b;
  }
}
