package dev.loggardener.worklog;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Requests and failures per route over every fingerprint of a period, so that a failing route's
 * share counts its healthy requests too, even when they are other fingerprints.
 *
 * <p>A route is a request log's project, service and template with any HTTP status code in it
 * replaced by {@code <STATUS>}: {@code GET /cart/<NUM> 503} and {@code GET /cart/<NUM> 200} are one
 * route. Only fingerprints whose entries carry an HTTP status count.
 */
final class RouteFailures {
  /** A status code or class ({@code 503}, {@code 5xx}) standing alone in a template. */
  private static final Pattern STATUS =
      Pattern.compile("(?<![\\w/.-])[1-5](\\d\\d|xx)(?![\\w/.-])");

  private final Map<String, long[]> byRoute = new TreeMap<>();

  RouteFailures(List<FingerprintSummary> summaries) {
    for (FingerprintSummary s : summaries) {
      long requests = s.httpStatusClasses().values().stream().mapToLong(Long::longValue).sum();
      if (requests > 0) {
        long[] counts = byRoute.computeIfAbsent(key(s), k -> new long[2]);
        counts[0] += s.httpStatusClasses().getOrDefault(RouteFailure.FAILED_CLASS, 0L);
        counts[1] += requests;
      }
    }
  }

  /** The route of a request-log fingerprint with its failures, or empty for other fingerprints. */
  Optional<RouteFailure> of(FingerprintSummary s) {
    long[] counts = byRoute.get(key(s));
    if (s.httpStatusClasses().isEmpty() || counts == null) {
      return Optional.empty();
    }
    return Optional.of(new RouteFailure(route(s.template()), s.service(), counts[0], counts[1]));
  }

  static String route(String template) {
    return STATUS.matcher(template).replaceAll("<STATUS>");
  }

  private static String key(FingerprintSummary s) {
    return (s.projectId() == null ? "" : s.projectId())
        + '\u0000'
        + s.service()
        + '\u0000'
        + route(s.template());
  }
}
