package dev.loggardener.worklog;

import java.util.Locale;
import java.util.Objects;

/**
 * How often one request route failed in the period, over every fingerprint of that route (a route
 * whose 200s and 503s are separate fingerprints still counts as one).
 *
 * @param route the request template with the HTTP status replaced by {@code <STATUS>}
 * @param service the service serving it
 * @param failed requests answered with a 5xx status
 * @param requests requests with a known status
 */
public record RouteFailure(String route, String service, long failed, long requests) {
  /** The status class that counts as a failure: the server's fault, not the client's. */
  public static final String FAILED_CLASS = "5xx";

  public RouteFailure {
    Objects.requireNonNull(route, "route");
    Objects.requireNonNull(service, "service");
    if (failed < 0 || requests < failed) {
      throw new IllegalArgumentException(
          "failed must be between 0 and requests: " + failed + " of " + requests);
    }
  }

  /** Failed requests as a fraction of all, 0 when there were none. */
  public double share() {
    return requests == 0 ? 0 : (double) failed / requests;
  }

  /** The share as a percentage with one decimal, e.g. {@code 6.7 %}. */
  public String percent() {
    return String.format(Locale.ROOT, "%.1f %%", share() * 100);
  }

  /** {@code 219 of 3,286 requests to the route failed (5xx, 6.7 %)}, without the route. */
  public String summary() {
    return String.format(
        Locale.ROOT,
        "%,d of %,d requests to the route failed (%s, %s)",
        failed,
        requests,
        FAILED_CLASS,
        percent());
  }
}
