package dev.loggardener.worklog;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One entry of the worklog rules file: which fingerprints it matches and what it says about them.
 *
 * <p>A rule matches a fingerprint when every given condition holds: {@code service} and {@code
 * logger} are regexes matching the whole value, {@code template} a regex found anywhere in the
 * template, {@code fingerprint} the exact id. Fingerprints matched by a rule with a {@code title}
 * form one category.
 *
 * @param atLeast the least urgent priority allowed (a floor), or null
 * @param atMost the most urgent priority allowed (a ceiling), or null
 * @param expected expected behaviour: priority P4, no action
 */
public record WorklogRule(
    String id,
    String description,
    Pattern service,
    Pattern logger,
    Pattern template,
    String fingerprint,
    String title,
    String impact,
    Priority atLeast,
    Priority atMost,
    boolean expected,
    Tracker tracker) {

  /** A link to the tracker issue that follows the problem, with its status. */
  public record Tracker(String url, String label, String status) {
    public Tracker {
      Objects.requireNonNull(url, "url");
    }
  }

  public WorklogRule {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(description, "description");
  }

  /** Whether the rule applies to a fingerprint. */
  public boolean matches(FingerprintSummary summary) {
    return (service == null
            || summary.services().stream().anyMatch(s -> service.matcher(s).matches()))
        && (logger == null
            || (summary.logger() != null && logger.matcher(summary.logger()).matches()))
        && (template == null || template.matcher(summary.template()).find())
        && (fingerprint == null || fingerprint.equals(summary.fingerprint()));
  }
}
