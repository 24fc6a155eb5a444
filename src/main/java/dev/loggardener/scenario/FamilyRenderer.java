package dev.loggardener.scenario;

import dev.loggardener.logentry.Severity;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Writes the planted incidents: each one is a short burst of related entries from one request,
 * sharing instance and trace, with the variable parts (durations, token lengths, client ports)
 * drawn afresh.
 */
final class FamilyRenderer {
  private static final String SESSION_TRACEBACK =
      "\nTraceback (most recent call last):\n"
          + "  File \"/app/netra_backend/app/middleware/gcp_auth_context_middleware.py\", line 167,"
          + " in _extract_session_data\n"
          + "    session = request.session\n"
          + "              ^^^^^^^^^^^^^^^\n"
          + "  File \"/usr/local/lib/python3.11/site-packages/starlette/requests.py\", line 160,"
          + " in session\n"
          + "    assert \"session\" in self.scope, \"SessionMiddleware must be installed to access"
          + " request.session\"\n"
          + "AssertionError: SessionMiddleware must be installed to access request.session";

  private final EntryFactory factory;
  private final SplittableRandom random;

  FamilyRenderer(EntryFactory factory) {
    this.factory = factory;
    this.random = factory.random;
  }

  /** The entries of one incident starting at {@code micros}, in the order they are logged. */
  List<Entry> render(Slot slot, long micros) {
    String service = slot.members.get(0).service;
    EntryFactory.Context context = factory.context(service, micros);
    List<Entry> entries = new ArrayList<>(slot.members.size());
    Variation variation =
        new Variation(tokenStats(), 8 + random.nextInt(15), 49 + random.nextInt(4));
    long at = micros;
    for (Member member : slot.members) {
      at += gapMicros(member, variation, at == micros);
      entries.add(entry(context, at, member, variation));
    }
    return entries;
  }

  /**
   * The variable parts one incident shares between its entries.
   *
   * @param tokenStats the {@code N chars, M dots} of the rejected token
   * @param raceTimeoutTenths how long the startup wait lasted, in tenths of a second
   * @param unreachableHundredths when auth was given up, in hundredths of a second
   */
  private record Variation(String tokenStats, int raceTimeoutTenths, int unreachableHundredths) {}

  /** An INFO entry whose message carries a planted secret. */
  Entry secret(PlantedSecret secret, long micros) {
    return switch (secret.kind()) {
      case BEARER_TOKEN ->
          info(
              Services.BACKEND,
              micros,
              "netra_backend.app.clients.auth_client_core",
              new Entry.Source(
                  "netra_backend/app/clients/auth_client_core.py", 254, "_validate_token_remote"),
              "Validating token with auth service (Authorization: Bearer " + secret.value() + ")");
      case PASSWORD ->
          info(
              Services.BACKEND,
              micros,
              "netra_backend.app.db.postgres_core",
              new Entry.Source("netra_backend/app/db/postgres_core.py", 88, "initialize_postgres"),
              "Connecting to Cloud SQL: host=/cloudsql/netra-staging:us-central1:staging-shared-"
                  + "postgres dbname=netra_staging user=netra_app password="
                  + secret.value());
      case API_KEY ->
          info(
              Services.BACKEND,
              micros,
              "netra_backend.app.llm.llm_client_config",
              new Entry.Source("netra_backend/app/llm/llm_client_config.py", 61, "build_client"),
              "LLM client ready: provider=google model=gemini-2.5-flash api_key=" + secret.value());
      case EMAIL ->
          info(
              Services.AUTH,
              micros,
              "auth_service.auth_core.oauth.google_oauth",
              new Entry.Source(
                  "auth_service/auth_core/oauth/google_oauth.py", 388, "handle_callback"),
              "OAuth login completed for " + secret.value());
    };
  }

  private Entry info(
      String service, long micros, String logger, Entry.Source source, String message) {
    return factory.log(
        factory.context(service, micros), micros, Severity.INFO, logger, message, source, null);
  }

  private Entry entry(EntryFactory.Context context, long at, Member member, Variation variation) {
    return switch (member) {
      case RACE_CONDITION ->
          factory.planted(
              context,
              at,
              member,
              String.format(
                  Locale.ROOT,
                  "\uD83D\uDD34 RACE CONDITION DETECTED: Startup phase 'no_app_state' did not reach"
                      + " 'services' within %.1fs - this would cause WebSocket 1011 errors",
                  variation.raceTimeoutTenths() / 10.0),
              null);
      case SESSION_MIDDLEWARE ->
          factory.planted(context, at, member, member.example + SESSION_TRACEBACK, null);
      case AUTH_UNREACHABLE ->
          factory.planted(
              context,
              at,
              member,
              String.format(
                  Locale.ROOT,
                  "Auth unreachable after %.2fs - preventing WebSocket timeout",
                  variation.unreachableHundredths() / 100.0),
              null);
      case AUTH_SSOT_WEBSOCKET ->
          factory.planted(
              context,
              at,
              member,
              "SSOT WEBSOCKET AUTH failed - auth_service_unreachable | Debug: "
                  + variation.tokenStats(),
              null);
      case AUTH_MAIN_MODE ->
          factory.planted(
              context,
              at,
              member,
              "[MAIN MODE] Authentication failed: auth_service_unreachable | Debug: "
                  + variation.tokenStats(),
              null);
      case HEALTH_CHECK -> healthCheck(context, at, member);
      default -> factory.planted(context, at, member, member.example, null);
    };
  }

  private Entry healthCheck(EntryFactory.Context context, long at, Member member) {
    String ip = random.nextInt(100) < 85 ? "169.254.169.126" : "169.254.169." + random.nextInt(256);
    int port = 20_000 + random.nextInt(45_000);
    String message = ip + ":" + port + " - \"GET /health/ready HTTP/1.1\" 200";
    Entry.Access access = new Entry.Access("GET", "/health/ready", 200, ip, null, null, null, null);
    return factory.planted(context, at, member, message, access);
  }

  private String tokenStats() {
    int dots = random.nextInt(10) < 8 ? 2 : random.nextInt(2);
    return (380 + random.nextInt(141)) + " chars, " + dots + " dots";
  }

  /**
   * How long after the previous entry of the incident a member is logged: the race condition fires
   * when the startup wait it reports runs out, the connectivity check when its 0.5 s timer does,
   * the access line once the response is sent.
   */
  private long gapMicros(Member member, Variation variation, boolean first) {
    return switch (member) {
      case RACE_CONDITION -> variation.raceTimeoutTenths() * 100_000L + random.nextInt(3_000);
      case AUTH_CONNECTIVITY_TIMEOUT -> 500_000L + random.nextInt(6_000);
      case HEALTH_CHECK -> first ? 0 : 4_000L + random.nextInt(40_000);
      default -> first ? 0 : 200L + random.nextInt(4_000);
    };
  }
}
