package dev.loggardener.github;

import java.net.http.HttpHeaders;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;

/**
 * Reads GitHub's rate-limit answers: how long to wait before a refused request may be sent again.
 *
 * <p>Primary limit: {@code x-ratelimit-remaining: 0} with {@code x-ratelimit-reset} (epoch
 * seconds). Secondary limits (too many concurrent or content-creating requests): {@code
 * Retry-After} in seconds, or, when GitHub gives neither header, at least one minute, doubling with
 * each attempt, as GitHub's documentation asks. Both come as 403 or 429.
 */
final class RateLimits {
  /** GitHub asks for at least a minute when a secondary limit gives no Retry-After. */
  static final Duration SECONDARY_MINIMUM = Duration.ofMinutes(1);

  private RateLimits() {}

  /**
   * The wait before retrying, or empty when the response is not a rate-limit refusal.
   *
   * @param attempt 0 for the first retry
   */
  static Optional<Duration> waitFor(
      int status, HttpHeaders headers, String body, Clock clock, int attempt) {
    if (status != 403 && status != 429) {
      return Optional.empty();
    }
    Optional<String> retryAfter = headers.firstValue("retry-after");
    if (retryAfter.isPresent()) {
      try {
        return Optional.of(
            Duration.ofSeconds(Math.max(0, Long.parseLong(retryAfter.get().trim()))));
      } catch (NumberFormatException e) {
        return Optional.of(SECONDARY_MINIMUM);
      }
    }
    if (headers.firstValue("x-ratelimit-remaining").map(String::trim).orElse("").equals("0")) {
      long reset = headers.firstValueAsLong("x-ratelimit-reset").orElse(0);
      Duration untilReset = Duration.between(clock.instant(), Instant.ofEpochSecond(reset));
      return Optional.of(untilReset.isNegative() ? Duration.ZERO : untilReset.plusSeconds(1));
    }
    if (status == 429 || body.toLowerCase(Locale.ROOT).contains("secondary rate limit")) {
      return Optional.of(SECONDARY_MINIMUM.multipliedBy(1L << Math.min(attempt, 4)));
    }
    return Optional.empty();
  }
}
