package dev.loggardener.tracker;

import dev.loggardener.worklog.Period;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The hidden HTML comments that tie tracker issues and comments to fingerprints and periods.
 *
 * <p>An issue body carries {@code <!-- log-gardener:fingerprint=FP -->} (the category's primary
 * fingerprint): that is its identity, found again by listing the labelled issues. The body and
 * every evidence comment carry {@code <!-- log-gardener:period=FROM/TO -->}, so running a period
 * again finds its evidence already there; a cross-link comment carries {@code <!--
 * log-gardener:related=FP -->} naming the other problem, so each pair is linked once. GitHub
 * renders none of them.
 */
public final class Markers {
  private static final Pattern FINGERPRINT =
      Pattern.compile("<!-- log-gardener:fingerprint=([0-9a-zA-Z_:.-]{1,200}) -->");
  private static final Pattern PERIOD =
      Pattern.compile("<!-- log-gardener:period=([0-9TZ:.+-]{1,40}/[0-9TZ:.+-]{1,40}) -->");
  private static final Pattern RELATED =
      Pattern.compile("<!-- log-gardener:related=([0-9a-zA-Z_:.-]{1,200}) -->");

  private Markers() {}

  /** The identity marker of an issue body. */
  public static String fingerprint(String fingerprint) {
    return "<!-- log-gardener:fingerprint=" + fingerprint + " -->";
  }

  /** The marker of the evidence of one period. */
  public static String period(Period period) {
    return "<!-- log-gardener:period=" + periodKey(period) + " -->";
  }

  /** The marker of a cross-link to another problem. */
  public static String related(String fingerprint) {
    return "<!-- log-gardener:related=" + fingerprint + " -->";
  }

  /** The fingerprint an issue body is marked with, if any (the first marker wins). */
  public static Optional<String> fingerprintOf(String body) {
    if (body == null) {
      return Optional.empty();
    }
    Matcher m = FINGERPRINT.matcher(body);
    return m.find() ? Optional.of(m.group(1)) : Optional.empty();
  }

  /** Whether a text carries the evidence marker of {@code period}. */
  public static boolean hasPeriod(String text, Period period) {
    if (text == null) {
      return false;
    }
    Matcher m = PERIOD.matcher(text);
    String key = periodKey(period);
    while (m.find()) {
      if (m.group(1).equals(key)) {
        return true;
      }
    }
    return false;
  }

  /** The fingerprints a text names as cross-linked problems. */
  public static Set<String> relatedIn(String text) {
    Set<String> out = new LinkedHashSet<>();
    if (text != null) {
      Matcher m = RELATED.matcher(text);
      while (m.find()) {
        out.add(m.group(1));
      }
    }
    return out;
  }

  private static String periodKey(Period period) {
    return period.from() + "/" + period.to();
  }
}
