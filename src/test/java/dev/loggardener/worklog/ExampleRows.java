package dev.loggardener.worklog;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Issue-window column maps built from the messages of the hand-written example worklog, for a
 * period of 24 hours ending {@link #END}, plus rows of the previous period and older.
 */
final class ExampleRows {
  static final Instant END = Instant.parse("2026-11-28T12:00:00Z");
  static final Period PERIOD = Period.hoursEnding(END, 24);
  static final String PROJECT = "netra-staging";
  static final String BACKEND = "netra-backend-staging";
  static final String VALIDATOR = "netra_backend.app.websocket_core.gcp_initialization_validator";
  static final String SSOT = "netra_backend.app.routes.websocket_ssot";
  static final String WS_AUTH = "netra_backend.app.websocket_core.unified_websocket_auth";
  static final String AUTH_SERVICE = "netra_backend.app.services.unified_authentication_service";

  private ExampleRows() {}

  static String fingerprint(String name) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(name.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A builder of one row; every row has one example per given timestamp. */
  static final class Row {
    private final Map<String, Object> columns = new LinkedHashMap<>();
    private final List<Map<String, Object>> examples = new ArrayList<>();
    private final String name;
    private String message;

    Row(String name, String severity, String template, String message) {
      this.name = name;
      this.message = message;
      columns.put("fingerprint", fingerprint(name));
      columns.put("project_id", PROJECT);
      columns.put("rule_set_version", "1");
      columns.put("template", template);
      columns.put("resource_type", "cloud_run_revision");
      columns.put("service", BACKEND);
      columns.put("max_severity", severity);
      columns.put(
          "max_severity_number",
          switch (severity) {
            case "CRITICAL" -> 600L;
            case "ERROR" -> 500L;
            case "WARNING" -> 400L;
            case "INFO" -> 200L;
            default -> 100L;
          });
      columns.put("versions", List.of("netra-backend-staging-00412-abc"));
      columns.put("instances", List.of());
      columns.put("source_locations", List.of());
      columns.put("http_status_classes", List.of());
      columns.put("trace_ids", List.of());
      columns.put("pane_timing", "ON_TIME");
      columns.put("pane_index", 0L);
    }

    /**
     * The row of the same message in another project, which like the real fingerprint has its own
     * fingerprint there; null for entries of no project.
     */
    Row project(String project) {
      columns.put("project_id", project);
      columns.put("fingerprint", fingerprint(project + "/" + name));
      return this;
    }

    Row service(String service) {
      columns.put("service", service);
      return this;
    }

    Row logger(String logger) {
      columns.put("logger", logger);
      return this;
    }

    Row exception(String type) {
      columns.put("exception_type", type);
      return this;
    }

    Row at(String file, long line, String function) {
      Map<String, Object> location = new LinkedHashMap<>();
      location.put("file", file);
      location.put("line", line);
      location.put("function", function);
      columns.put("source_locations", List.of(location));
      return this;
    }

    Row traces(String... traces) {
      columns.put("trace_ids", List.of(traces));
      return this;
    }

    Row versions(String... versions) {
      columns.put("versions", List.of(versions));
      return this;
    }

    /** Entry counts per HTTP status class, as {@code "5xx", 3L, "2xx", 7L}. */
    Row statuses(Object... classAndCount) {
      List<Map<String, Object>> statuses = new ArrayList<>();
      for (int i = 0; i < classAndCount.length; i += 2) {
        Map<String, Object> status = new LinkedHashMap<>();
        status.put("status_class", classAndCount[i]);
        status.put("entry_count", classAndCount[i + 1]);
        statuses.add(status);
      }
      columns.put("http_status_classes", statuses);
      return this;
    }

    Row message(String message) {
      this.message = message;
      return this;
    }

    /** A one-minute window pane holding {@code count} entries, with examples at the times. */
    Map<String, Object> pane(long count, String... times) {
      Instant first = Instant.parse(times[0]);
      Instant last = first;
      List<Map<String, Object>> paneExamples = new ArrayList<>(examples);
      for (String time : times) {
        Instant t = Instant.parse(time);
        first = t.isBefore(first) ? t : first;
        last = t.isAfter(last) ? t : last;
        Map<String, Object> example = new LinkedHashMap<>();
        example.put("message", message);
        example.put("timestamp", t);
        List<?> traces = (List<?>) columns.get("trace_ids");
        if (!traces.isEmpty()) {
          example.put("trace", traces.get(0));
        }
        paneExamples.add(example);
      }
      Instant start = first.minusNanos(first.getNano()).minusSeconds(first.getEpochSecond() % 60);
      Map<String, Object> row = new LinkedHashMap<>(columns);
      row.put("window_start", start);
      row.put("window_end", start.plusSeconds(60));
      row.put("entry_count", count);
      row.put("first_seen", first);
      row.put("last_seen", last);
      row.put("examples", paneExamples);
      row.put("processed_at", start.plusSeconds(120));
      return row;
    }
  }

  static Row race() {
    return new Row(
            "race",
            "ERROR",
            "🔴 RACE CONDITION DETECTED: Startup phase '<STR>' did not reach 'services' within"
                + " <NUM>s - this would cause WebSocket <NUM> errors",
            "🔴 RACE CONDITION DETECTED: Startup phase 'no_app_state' did not reach 'services'"
                + " within 1.2s - this would cause WebSocket 1011 errors")
        .logger(VALIDATOR)
        .at(
            "netra_backend/app/websocket_core/gcp_initialization_validator.py",
            764,
            "validate_gcp_readiness_for_websocket");
  }

  static Row raceWarning() {
    return new Row(
            "race-warning",
            "WARNING",
            "Cannot wait for startup phase - no app_state available",
            "Cannot wait for startup phase - no app_state available")
        .logger(VALIDATOR)
        .at(
            "netra_backend/app/websocket_core/gcp_initialization_validator.py",
            643,
            "wait_for_startup_phase");
  }

  static Row mainModeAuth() {
    return new Row(
            "main-mode-auth",
            "ERROR",
            "[MAIN MODE] Authentication failed: auth_service_unreachable | Debug: <NUM> chars,"
                + " <NUM> dots",
            "[MAIN MODE] Authentication failed: auth_service_unreachable | Debug: 473 chars, 2"
                + " dots")
        .logger(SSOT)
        .at("netra_backend/app/routes/websocket_ssot.py", 417, "authenticate_websocket");
  }

  static Row ssotAuth() {
    return new Row(
            "ssot-auth",
            "ERROR",
            "SSOT WEBSOCKET AUTH failed - auth_service_unreachable | Debug: <NUM> chars, <NUM> dots",
            "SSOT WEBSOCKET AUTH failed - auth_service_unreachable | Debug: 473 chars, 2 dots")
        .logger(WS_AUTH)
        .at(
            "netra_backend/app/websocket_core/unified_websocket_auth.py",
            438,
            "authenticate_websocket_ssot")
        .traces("4bf92f3577b34da6a3ce929d0e0e4736");
  }

  static Row serviceAuth() {
    return new Row(
            "service-auth",
            "WARNING",
            "Auth connectivity check failed: auth_service_unreachable after <NUM>s",
            "Auth connectivity check failed: auth_service_unreachable after 0.5s")
        .logger(AUTH_SERVICE)
        .at(
            "netra_backend/app/services/unified_authentication_service.py",
            328,
            "check_auth_connectivity");
  }

  static Row authTimeout() {
    return new Row(
            "auth-timeout",
            "WARNING",
            "Auth unreachable after <NUM>s - preventing WebSocket timeout",
            "Auth unreachable after 0.51s - preventing WebSocket timeout")
        .logger(SSOT)
        .traces("4bf92f3577b34da6a3ce929d0e0e4736");
  }

  static Row session() {
    return new Row(
            "session",
            "ERROR",
            "Unexpected error in session data extraction: SessionMiddleware must be installed to"
                + " access request.session",
            "Unexpected error in session data extraction: SessionMiddleware must be installed to"
                + " access request.session")
        .logger("logging")
        .exception("AssertionError")
        .at("/usr/local/lib/python3.11/logging/__init__.py", 1706, "callHandlers");
  }

  static Row websocketClose() {
    return new Row(
            "websocket-close",
            "WARNING",
            "Runtime error closing WebSocket: Cannot call \"send\" once a close message has been"
                + " sent.",
            "Runtime error closing WebSocket: Cannot call \"send\" once a close message has been"
                + " sent.")
        .logger("netra_backend.app.websocket_core.utils")
        .at("netra_backend/app/websocket_core/utils.py", 605, "safe_websocket_close");
  }

  static Row optional(String name) {
    return new Row(
            "optional-" + name,
            "INFO",
            name
                + " skipped in staging environment (optional service - infrastructure may not"
                + " be available)",
            name
                + " skipped in staging environment (optional service - infrastructure may not"
                + " be available)")
        .logger("netra_backend.app.routes.health")
        .at(
            "netra_backend/app/routes/health.py",
            name.equals("Redis") ? 582 : 561,
            "_check_readiness_status");
  }

  static Row authConfig() {
    return new Row(
            "auth-config",
            "INFO",
            "Auth config requested for staging environment",
            "Auth config requested for staging environment")
        .service("netra-auth-service");
  }

  static Row oauthSecret() {
    return new Row(
            "oauth-secret",
            "INFO",
            "✅ Using SSOT OAuth Client Secret for staging environment (length=<NUM>)",
            "✅ Using SSOT OAuth Client Secret for staging environment (length=35)")
        .service("netra-auth-service");
  }

  static Row health() {
    return new Row(
        "health",
        "INFO",
        "<IP>:<NUM> - \"GET /health/ready HTTP/1.1\" <NUM>",
        "169.254.169.126:49090 - \"GET /health/ready HTTP/1.1\" 200");
  }

  static Row poolExhausted() {
    return new Row(
        "pool-exhausted",
        "ERROR",
        "Database pool exhausted: <NUM> connections in use",
        "Database pool exhausted: 20 connections in use");
  }

  /** The rows of the example's day, the day before, and one older row. */
  static List<Map<String, Object>> all() {
    List<Map<String, Object>> rows = new ArrayList<>();
    rows.add(race().pane(7, "2026-11-28T11:20:59.892139Z", "2026-11-28T11:20:59.785556Z"));
    rows.add(race().pane(5, "2026-11-28T03:05:10.100000Z"));
    rows.add(raceWarning().pane(7, "2026-11-28T11:20:58.120000Z"));
    rows.add(session().pane(4, "2026-11-28T11:21:50.579708Z"));
    rows.add(session().pane(5, "2026-11-28T11:20:59.871691Z", "2026-11-28T11:20:59.692788Z"));
    rows.add(mainModeAuth().pane(6, "2026-11-28T09:14:02.000000Z"));
    rows.add(ssotAuth().pane(6, "2026-11-28T09:14:02.010000Z"));
    rows.add(serviceAuth().pane(6, "2026-11-28T09:14:01.500000Z"));
    rows.add(authTimeout().pane(3, "2026-11-28T09:14:01.990000Z"));
    rows.add(
        websocketClose()
            .pane(
                10,
                "2026-11-28T11:20:59.666223Z",
                "2026-11-28T11:20:59.600257Z",
                "2026-11-28T11:20:59.599911Z"));
    rows.add(optional("Redis").pane(24, "2026-11-28T10:00:01.000000Z"));
    rows.add(optional("ClickHouse").pane(24, "2026-11-28T10:00:01.000000Z"));
    rows.add(authConfig().pane(3, "2026-11-28T08:00:00.000000Z"));
    rows.add(oauthSecret().pane(3, "2026-11-28T08:00:00.200000Z"));
    for (int hour = 0; hour < 24; hour++) {
      rows.add(health().pane(120, PERIOD.from().plusSeconds(hour * 3600L + 1800).toString()));
    }
    rows.add(session().pane(2, "2026-11-27T02:00:00.000000Z"));
    rows.add(websocketClose().pane(40, "2026-11-27T05:00:00.000000Z"));
    rows.add(health().pane(2880, "2026-11-26T20:00:00.000000Z"));
    rows.add(poolExhausted().pane(5, "2026-11-26T22:00:00.000000Z"));
    rows.add(mainModeAuth().pane(1, "2026-11-20T09:00:00.000000Z"));
    return rows;
  }
}
