package dev.loggardener.worklog;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/** A half-open interval of event time {@code [from, to)} that a worklog covers. */
public record Period(Instant from, Instant to) implements java.io.Serializable {
  public Period {
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(to, "to");
    if (!from.isBefore(to)) {
      throw new IllegalArgumentException("period start " + from + " is not before its end " + to);
    }
  }

  /** The {@code hours} hours ending at {@code end}. */
  public static Period hoursEnding(Instant end, long hours) {
    if (hours <= 0) {
      throw new IllegalArgumentException("hours must be positive, got " + hours);
    }
    return new Period(end.minus(Duration.ofHours(hours)), end);
  }

  public Duration length() {
    return Duration.between(from, to);
  }

  /** The period of the same length that ends where this one starts. */
  public Period previous() {
    return new Period(from.minus(length()), from);
  }

  /** Number of hourly histogram buckets: the length in hours, rounded up. */
  public int hourBuckets() {
    long seconds = length().getSeconds() + (length().getNano() > 0 ? 1 : 0);
    return (int) Math.min(Integer.MAX_VALUE, (seconds + 3599) / 3600);
  }

  /** The histogram bucket of an instant inside the period. */
  public int hourBucket(Instant instant) {
    long bucket = Duration.between(from, instant).toHours();
    return (int) Math.max(0, Math.min(hourBuckets() - 1, bucket));
  }

  public boolean contains(Instant instant) {
    return !instant.isBefore(from) && instant.isBefore(to);
  }
}
