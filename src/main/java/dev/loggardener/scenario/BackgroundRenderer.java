package dev.loggardener.scenario;

import dev.loggardener.logentry.Severity;
import java.util.SplittableRandom;

/**
 * Writes the INFO noise around the planted families, and the malformed messages made from it.
 *
 * <p>Background entries never use a planted family's module, so a family's counts stay exact
 * however the worklog groups by module.
 */
final class BackgroundRenderer {
  private static final String[] NOT_JSON = {
    "upstream connect error or disconnect/reset before headers. reset reason: connection"
        + " termination",
    "Traceback (most recent call last):",
    "INFO:     Shutting down",
  };
  private static final String[] BACKEND_ROUTES = {
    "GET /api/threads", "GET /api/threads/%s/messages", "POST /api/agent/run", "GET /api/user/me",
  };
  private static final String[] AUTH_ROUTES = {"POST /auth/validate", "POST /auth/refresh"};
  private static final String[] AGENTS = {
    "triage_agent", "data_helper_agent", "optimization_agent"
  };
  private static final String[] STARTUP = {
    "Started server process [1]",
    "Waiting for application startup.",
    "Application startup complete.",
    "Uvicorn running on http://0.0.0.0:8080 (Press CTRL+C to quit)",
  };
  private static final String USER_AGENT =
      "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko)"
          + " Chrome/139.0.0.0 Safari/537.36";
  private static final String WEBSOCKETS_FILE =
      "/usr/local/lib/python3.11/site-packages/uvicorn/protocols/websockets/websockets_impl.py";
  private static final int[] WEIGHTS = {30, 14, 6, 4, 8, 8, 6, 3, 1, 9, 6, 7, 2};

  private final EntryFactory factory;
  private final SplittableRandom random;
  private final int totalWeight;

  BackgroundRenderer(EntryFactory factory) {
    this.factory = factory;
    this.random = factory.random;
    int total = 0;
    for (int weight : WEIGHTS) {
      total += weight;
    }
    this.totalWeight = total;
  }

  /** One background entry at {@code micros}. */
  Entry render(long micros) {
    int draw = random.nextInt(totalWeight);
    int kind = 0;
    while (draw >= WEIGHTS[kind]) {
      draw -= WEIGHTS[kind++];
    }
    boolean backend = kind <= 8;
    EntryFactory.Context context =
        factory.context(backend ? Services.BACKEND : Services.AUTH, micros);
    return switch (kind) {
      case 0 -> access(context, micros, route(BACKEND_ROUTES));
      case 1 -> request(context, micros, Services.BACKEND, route(BACKEND_ROUTES));
      case 2 ->
          uvicorn(
              context,
              micros,
              new Entry.Source(WEBSOCKETS_FILE, 273, "asgi_send"),
              clientAddress() + " - \"WebSocket /ws\" [accepted]");
      case 3 ->
          uvicorn(
              context,
              micros,
              new Entry.Source(WEBSOCKETS_FILE, 286, "run_asgi"),
              random.nextBoolean() ? "connection open" : "connection closed");
      case 4 ->
          info(
              context,
              micros,
              "netra_backend.app.websocket_core.connection_registry",
              new Entry.Source(
                  "netra_backend/app/websocket_core/connection_registry.py",
                  152,
                  "register_connection"),
              "Registered WebSocket connection ws_"
                  + RandomText.hex(random, 12)
                  + " for user "
                  + RandomText.uuid(random));
      case 5 ->
          info(
              context,
              micros,
              "netra_backend.app.services.thread_service",
              new Entry.Source(
                  "netra_backend/app/services/thread_service.py", 88, "get_thread_messages"),
              "Loaded " + random.nextInt(200) + " messages for thread " + RandomText.uuid(random));
      case 6 ->
          info(
              context,
              micros,
              "netra_backend.app.agents.supervisor.execution_engine",
              new Entry.Source(
                  "netra_backend/app/agents/supervisor/execution_engine.py", 512, "execute_agent"),
              "Agent "
                  + AGENTS[random.nextInt(AGENTS.length)]
                  + " completed run "
                  + context.requestId()
                  + " in "
                  + (150 + random.nextInt(9000))
                  + "ms");
      case 7 ->
          info(
              context,
              micros,
              "netra_backend.app.db.postgres_core",
              new Entry.Source("netra_backend/app/db/postgres_core.py", 142, "log_pool_status"),
              "Connection pool status: size=10 checked_out=" + random.nextInt(11) + " overflow=0");
      case 8 ->
          factory.log(
              context,
              micros,
              Severity.INFO,
              "uvicorn.error",
              STARTUP[random.nextInt(STARTUP.length)],
              new Entry.Source(
                  "/usr/local/lib/python3.11/site-packages/uvicorn/server.py", 83, "_serve"),
              null);
      case 9 -> access(context, micros, route(AUTH_ROUTES));
      case 10 -> request(context, micros, Services.AUTH, route(AUTH_ROUTES));
      case 11 ->
          info(
              context,
              micros,
              "auth_service.auth_core.core.jwt_handler",
              new Entry.Source("auth_service/auth_core/core/jwt_handler.py", 211, "validate_token"),
              "Token validated for user "
                  + RandomText.uuid(random)
                  + " in "
                  + (2 + random.nextInt(60))
                  + "ms");
      default ->
          info(
              context,
              micros,
              "auth_service.auth_core.core.jwt_handler",
              new Entry.Source("auth_service/auth_core/core/jwt_handler.py", 118, "refresh_jwks"),
              "JWKS cache refreshed with " + (2 + random.nextInt(3)) + " keys");
    };
  }

  /** A line that is not JSON at all. */
  String notJson() {
    return NOT_JSON[random.nextInt(NOT_JSON.length)];
  }

  /** A background entry cut off between 40 % and 90 % of its length. */
  String truncated(long micros) {
    String whole = EntryJson.write(render(micros), true);
    return whole.substring(0, whole.length() * (40 + random.nextInt(51)) / 100);
  }

  private String route(String[] routes) {
    String route = routes[random.nextInt(routes.length)];
    return route.contains("%s") ? String.format(route, RandomText.uuid(random)) : route;
  }

  private Entry access(EntryFactory.Context context, long micros, String route) {
    String ip = clientAddress();
    int space = route.indexOf(' ');
    String message = ip + " - \"" + route + " HTTP/1.1\" 200";
    Entry.Access access =
        new Entry.Access(
            route.substring(0, space),
            route.substring(space + 1),
            200,
            ip.substring(0, ip.indexOf(':')),
            null,
            null,
            null,
            null);
    return uvicorn(
        context,
        micros,
        new Entry.Source(Services.UVICORN_HTTP_FILE, Services.UVICORN_ACCESS_LINE, "send"),
        message,
        "uvicorn.access",
        access);
  }

  private Entry request(EntryFactory.Context context, long micros, String service, String route) {
    int space = route.indexOf(' ');
    Entry.Access access =
        new Entry.Access(
            route.substring(0, space),
            "https://" + service + "-701982941522.us-central1.run.app" + route.substring(space + 1),
            200,
            "203.0.113." + (1 + random.nextInt(254)),
            4_000L + random.nextInt(900_000),
            200L + random.nextInt(4000),
            300L + random.nextInt(60_000),
            USER_AGENT);
    return factory.request(context, micros, access);
  }

  private Entry uvicorn(
      EntryFactory.Context context, long micros, Entry.Source source, String message) {
    return uvicorn(context, micros, source, message, "uvicorn.error", null);
  }

  private Entry uvicorn(
      EntryFactory.Context context,
      long micros,
      Entry.Source source,
      String message,
      String logger,
      Entry.Access access) {
    return factory.log(context, micros, Severity.INFO, logger, message, source, access);
  }

  private Entry info(
      EntryFactory.Context context,
      long micros,
      String logger,
      Entry.Source source,
      String message) {
    return factory.log(context, micros, Severity.INFO, logger, message, source, null);
  }

  private String clientAddress() {
    return "169.254.169.126:" + (20_000 + random.nextInt(45_000));
  }
}
