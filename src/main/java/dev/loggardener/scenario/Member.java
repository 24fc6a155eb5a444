package dev.loggardener.scenario;

import dev.loggardener.logentry.Severity;

/**
 * One message shape of a planted family: where it is logged and what its first line looks like.
 *
 * <p>The pattern matches exactly the first line of the messages the generator writes for it, so a
 * test can count them in the output without knowing the varied parts.
 */
enum Member {
  STARTUP_PHASE_WAIT(
      Family.RACE_CONDITION,
      Services.BACKEND,
      "netra_backend.app.websocket_core.gcp_initialization_validator",
      "netra_backend/app/websocket_core/gcp_initialization_validator.py",
      643,
      "_wait_for_startup_phase_completion",
      Severity.WARNING,
      "Cannot wait for startup phase - no app_state available",
      "Cannot wait for startup phase - no app_state available"),
  RACE_CONDITION(
      Family.RACE_CONDITION,
      Services.BACKEND,
      "netra_backend.app.websocket_core.gcp_initialization_validator",
      "netra_backend/app/websocket_core/gcp_initialization_validator.py",
      764,
      "validate_gcp_readiness_for_websocket",
      Severity.ERROR,
      "\uD83D\uDD34 RACE CONDITION DETECTED: Startup phase 'no_app_state' did not reach 'services'"
          + " within 1.2s - this would cause WebSocket 1011 errors",
      "\uD83D\uDD34 RACE CONDITION DETECTED: Startup phase 'no_app_state' did not reach 'services'"
          + " within \\d+\\.\\ds - this would cause WebSocket 1011 errors"),
  SESSION_MIDDLEWARE(
      Family.SESSION_MIDDLEWARE,
      Services.BACKEND,
      "logging",
      "/usr/local/lib/python3.11/logging/__init__.py",
      1706,
      "callHandlers",
      Severity.ERROR,
      "Unexpected error in session data extraction: SessionMiddleware must be installed to access"
          + " request.session",
      "Unexpected error in session data extraction: SessionMiddleware must be installed to access"
          + " request\\.session"),
  AUTH_CONNECTIVITY_TIMEOUT(
      Family.AUTH_UNREACHABLE,
      Services.BACKEND,
      "netra_backend.app.services.unified_authentication_service",
      "netra_backend/app/services/unified_authentication_service.py",
      301,
      "_check_auth_service_connectivity",
      Severity.WARNING,
      "Auth connectivity check timed out after 0.5s",
      "Auth connectivity check timed out after 0\\.5s"),
  AUTH_UNREACHABLE(
      Family.AUTH_UNREACHABLE,
      Services.BACKEND,
      "netra_backend.app.services.unified_authentication_service",
      "netra_backend/app/services/unified_authentication_service.py",
      328,
      "authenticate_token",
      Severity.WARNING,
      "Auth unreachable after 0.51s - preventing WebSocket timeout",
      "Auth unreachable after 0\\.\\d\\ds - preventing WebSocket timeout"),
  AUTH_SSOT_WEBSOCKET(
      Family.AUTH_UNREACHABLE,
      Services.BACKEND,
      "netra_backend.app.websocket_core.unified_websocket_auth",
      "netra_backend/app/websocket_core/unified_websocket_auth.py",
      438,
      "authenticate_websocket_ssot",
      Severity.ERROR,
      "SSOT WEBSOCKET AUTH failed - auth_service_unreachable | Debug: 473 chars, 2 dots",
      "SSOT WEBSOCKET AUTH failed - auth_service_unreachable \\| Debug: \\d+ chars, \\d dots"),
  AUTH_MAIN_MODE(
      Family.AUTH_UNREACHABLE,
      Services.BACKEND,
      "netra_backend.app.routes.websocket_ssot",
      "netra_backend/app/routes/websocket_ssot.py",
      417,
      "_handle_main_mode",
      Severity.ERROR,
      "[MAIN MODE] Authentication failed: auth_service_unreachable | Debug: 473 chars, 2 dots",
      "\\[MAIN MODE\\] Authentication failed: auth_service_unreachable \\| Debug: \\d+ chars,"
          + " \\d dots"),
  WEBSOCKET_CLOSE(
      Family.WEBSOCKET_CLOSE,
      Services.BACKEND,
      "netra_backend.app.websocket_core.utils",
      "netra_backend/app/websocket_core/utils.py",
      605,
      "safe_websocket_close",
      Severity.WARNING,
      "Runtime error closing WebSocket: Cannot call \"send\" once a close message has been sent.",
      "Runtime error closing WebSocket: Cannot call \"send\" once a close message has been"
          + " sent\\."),
  CLICKHOUSE_SKIPPED(
      Family.OPTIONAL_SERVICES,
      Services.BACKEND,
      "netra_backend.app.routes.health",
      "netra_backend/app/routes/health.py",
      561,
      "_check_readiness_status",
      Severity.INFO,
      "ClickHouse skipped in staging environment (optional service - infrastructure may not be"
          + " available)",
      "ClickHouse skipped in staging environment \\(optional service - infrastructure may not be"
          + " available\\)"),
  REDIS_SKIPPED(
      Family.OPTIONAL_SERVICES,
      Services.BACKEND,
      "netra_backend.app.routes.health",
      "netra_backend/app/routes/health.py",
      582,
      "_check_readiness_status",
      Severity.INFO,
      "Redis skipped in staging environment (optional service - infrastructure may not be"
          + " available)",
      "Redis skipped in staging environment \\(optional service - infrastructure may not be"
          + " available\\)"),
  AUTH_CONFIG_REQUESTED(
      Family.OAUTH_CONFIG,
      Services.AUTH,
      "auth_service.auth_core.routes.auth_routes",
      "auth_service/auth_core/routes/auth_routes.py",
      212,
      "get_auth_config",
      Severity.INFO,
      "Auth config requested for staging environment",
      "Auth config requested for staging environment"),
  OAUTH_CLIENT_SECRET(
      Family.OAUTH_CONFIG,
      Services.AUTH,
      "auth_service.auth_core.auth_environment",
      "auth_service/auth_core/auth_environment.py",
      171,
      "get_oauth_client_secret",
      Severity.INFO,
      "\u2705 Using SSOT OAuth Client Secret for staging environment (length=35)",
      "\u2705 Using SSOT OAuth Client Secret for staging environment \\(length=35\\)"),
  HEALTH_CHECK(
      Family.HEALTH_CHECKS,
      Services.BACKEND,
      "uvicorn.access",
      Services.UVICORN_HTTP_FILE,
      Services.UVICORN_ACCESS_LINE,
      "send",
      Severity.INFO,
      "169.254.169.126:49090 - \"GET /health/ready HTTP/1.1\" 200",
      "169\\.254\\.\\d{1,3}\\.\\d{1,3}:\\d{1,5} - \"GET /health/ready HTTP/1\\.1\" 200");

  final Family family;
  final String service;
  final String module;
  final String file;
  final long line;
  final String function;
  final Severity severity;
  final String example;
  final String pattern;

  Member(
      Family family,
      String service,
      String module,
      String file,
      long line,
      String function,
      Severity severity,
      String example,
      String pattern) {
    this.family = family;
    this.service = service;
    this.module = module;
    this.file = file;
    this.line = line;
    this.function = function;
    this.severity = severity;
    this.example = example;
    this.pattern = pattern;
  }
}
