package dev.loggardener.worklog;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * Renders a {@link Worklog} as JSON for machines (chat notifications, tracker automation), with the
 * same content as the Markdown and every category in full. The format is documented in {@code
 * pipelines/worklog-report/SCHEMA.md}; {@link #SCHEMA_VERSION} changes when it does. Characters
 * that matter to HTML ({@code < > & = '}) are written as Unicode escapes such as {@code \\u003c}.
 */
public final class JsonRenderer {
  /** Version of the JSON format. */
  public static final int SCHEMA_VERSION = 2;

  /**
   * Trace ids listed per message. A busy fingerprint has a trace per request, thousands a day, and
   * listing them all made the JSON grow with the traffic (31 MB for a million entries).
   */
  public static final int LISTED_TRACE_IDS = 20;

  private JsonRenderer() {}

  /** The worklog as pretty-printed JSON, ending with a newline. */
  public static String render(Worklog w) {
    JsonObject root = new JsonObject();
    root.addProperty("schema_version", SCHEMA_VERSION);
    root.addProperty("project", w.projects().size() == 1 ? w.projects().get(0).projectId() : null);
    JsonArray projects = new JsonArray();
    for (Worklog.ProjectEntries project : w.projects()) {
      JsonObject o = new JsonObject();
      o.addProperty("project_id", project.projectId());
      o.addProperty("entries", project.entries());
      projects.add(o);
    }
    root.add("projects", projects);
    root.addProperty("generated_at", w.generatedAt().toString());
    root.add("period", period(w.period()));
    root.add("previous_period", period(w.period().previous()));
    root.addProperty("source", w.source());
    root.addProperty("rules_version", w.rulesVersion());
    root.add("services", strings(w.services()));
    root.addProperty("baseline", w.baseline());
    JsonObject totals = new JsonObject();
    totals.addProperty("entries", w.totalEntries());
    totals.addProperty("categories", w.categories().size());
    totals.addProperty("problems", w.problems().size());
    totals.addProperty("routine", w.routine().size());
    totals.addProperty("critical", w.critical());
    JsonObject byPriority = new JsonObject();
    for (Priority p : Priority.values()) {
      byPriority.addProperty(p.name(), w.count(p));
    }
    totals.add("by_priority", byPriority);
    totals.addProperty("resolved", w.resolved().size());
    root.add("totals", totals);
    JsonArray categories = new JsonArray();
    List<Category> detailed = w.detailed();
    for (Category c : w.categories()) {
      categories.add(category(c, detailed.contains(c)));
    }
    root.add("categories", categories);
    JsonArray resolved = new JsonArray();
    for (Worklog.Resolved r : w.resolved()) {
      JsonObject o = new JsonObject();
      o.addProperty("fingerprint", r.fingerprint());
      o.addProperty("template", r.template());
      o.addProperty("service", r.service());
      o.addProperty("max_severity", r.maxSeverity());
      o.addProperty("previous_total", r.previousTotal());
      resolved.add(o);
    }
    root.add("resolved", resolved);
    return new GsonBuilder().setPrettyPrinting().serializeNulls().create().toJson(root) + "\n";
  }

  private static JsonObject period(Period period) {
    JsonObject o = new JsonObject();
    o.addProperty("from", period.from().toString());
    o.addProperty("to", period.to().toString());
    o.addProperty("hours", period.hourBuckets());
    return o;
  }

  private static JsonObject category(Category c, boolean detailed) {
    JsonObject o = new JsonObject();
    o.addProperty("number", c.number());
    o.addProperty("id", c.id());
    o.addProperty("title", c.title());
    o.addProperty("priority", c.priority().name());
    o.addProperty("severity_label", c.priority().label());
    o.addProperty("action", c.priority().action());
    o.addProperty("problem", c.problem());
    o.add("problem_reasons", strings(c.problemReasons()));
    o.addProperty("detailed", detailed);
    o.add("severities", strings(c.severities()));
    o.addProperty("total", c.total());
    o.addProperty("previous_total", c.previousTotal());
    o.addProperty("trend", c.trend().name().toLowerCase(Locale.ROOT));
    o.addProperty("trend_words", c.trend().words());
    o.addProperty("change_percent", c.change());
    o.add("hourly", longs(c.hourly()));
    o.addProperty("sparkline", MarkdownRenderer.sparkline(c, MarkdownRenderer.SPARKLINE_WIDTH));
    o.addProperty("sparkline_unit", c.hourly().size() >= 48 ? "day" : "hour");
    o.add("services", strings(c.services()));
    o.add("modules", strings(c.loggers()));
    o.addProperty("impact", c.impact());
    o.addProperty("expected", c.expected());
    o.addProperty("rule", c.rule());
    if (c.tracker() == null) {
      o.add("tracker", JsonNull.INSTANCE);
    } else {
      JsonObject tracker = new JsonObject();
      tracker.addProperty("url", c.tracker().url());
      tracker.addProperty("label", c.tracker().label());
      tracker.addProperty("status", c.tracker().status());
      o.add("tracker", tracker);
    }
    o.add("revisions", revisions(c.revisions()));
    o.add("route_failure", routeFailure(c.routeFailure()));
    o.add("priority_reasons", strings(c.priorityReasons()));
    o.add("grouped_by", strings(c.links()));
    JsonArray messages = new JsonArray();
    for (FingerprintSummary m : c.members()) {
      messages.add(message(m, m == c.primary() ? "primary" : "related"));
    }
    o.add("messages", messages);
    return o;
  }

  private static JsonObject revisions(RevisionEvidence r) {
    JsonObject o = new JsonObject();
    JsonArray shares = new JsonArray();
    for (RevisionEvidence.Share share : r.shares()) {
      JsonObject item = new JsonObject();
      item.addProperty("revision", share.revision());
      item.addProperty("entries", share.entries());
      item.addProperty("share", rounded(share.share()));
      shares.add(item);
    }
    o.add("shares", shares);
    o.add("all", strings(r.revisions()));
    o.addProperty("shared_entries", r.shared());
    o.addProperty("unknown_entries", r.unknown());
    if (r.suspect() == null) {
      o.add("suspect", JsonNull.INSTANCE);
    } else {
      JsonObject suspect = new JsonObject();
      suspect.addProperty("revision", r.suspect().revision());
      suspect.addProperty("reason", r.suspect().reason());
      suspect.addProperty("share", rounded(r.suspect().share()));
      suspect.addProperty("serving_revisions", r.suspect().servingRevisions());
      suspect.addProperty(
          "seconds_after_revision_start", r.suspect().afterRevisionStart().getSeconds());
      o.add("suspect", suspect);
    }
    return o;
  }

  private static JsonElement routeFailure(RouteFailure route) {
    if (route == null) {
      return JsonNull.INSTANCE;
    }
    JsonObject o = new JsonObject();
    o.addProperty("route", route.route());
    o.addProperty("service", route.service());
    o.addProperty("failed", route.failed());
    o.addProperty("requests", route.requests());
    o.addProperty("failure_share", rounded(route.share()));
    return o;
  }

  /** Shares with four decimals, so the JSON does not carry binary noise. */
  private static double rounded(double share) {
    return Math.round(share * 10_000) / 10_000.0;
  }

  private static JsonObject message(FingerprintSummary s, String role) {
    JsonObject o = new JsonObject();
    o.addProperty("role", role);
    o.addProperty("fingerprint", s.fingerprint());
    o.addProperty("message", s.message());
    o.addProperty("template", s.template());
    o.addProperty("max_severity", s.maxSeverity());
    o.addProperty("max_severity_number", s.maxSeverityNumber());
    o.addProperty("total", s.total());
    o.addProperty("first_seen", s.firstSeen().toString());
    o.addProperty("last_seen", s.lastSeen().toString());
    o.add(
        "sample_timestamps",
        strings(s.sampleTimestamps().stream().map(Instant::toString).toList()));
    o.add("hourly", longs(s.hourly()));
    o.add("services", strings(s.services()));
    o.add("versions", strings(s.versions()));
    o.addProperty("logger", s.logger());
    JsonArray locations = new JsonArray();
    for (IssueWindow.SourceLocation l : s.sourceLocations()) {
      JsonObject location = new JsonObject();
      location.addProperty("file", l.file());
      location.addProperty("line", l.line());
      location.addProperty("function", l.function());
      locations.add(location);
    }
    o.add("source_locations", locations);
    o.addProperty("exception_type", s.exceptionType());
    o.add("trace_ids", strings(s.traceIds().stream().limit(LISTED_TRACE_IDS).toList()));
    o.addProperty("trace_count", s.traceIds().size());
    JsonObject statuses = new JsonObject();
    new java.util.TreeMap<>(s.httpStatusClasses()).forEach(statuses::addProperty);
    o.add("http_status_classes", statuses);
    return o;
  }

  private static JsonArray strings(List<String> values) {
    JsonArray array = new JsonArray();
    values.forEach(array::add);
    return array;
  }

  private static JsonArray longs(List<Long> values) {
    JsonArray array = new JsonArray();
    values.forEach(array::add);
    return array;
  }
}
