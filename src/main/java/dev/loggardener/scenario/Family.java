package dev.loggardener.scenario;

/** The seven problem families of the staging incident, in the example worklog's order. */
enum Family {
  RACE_CONDITION(1, "WebSocket Startup Race Condition", "P0"),
  SESSION_MIDDLEWARE(2, "SessionMiddleware Configuration Error", "P0"),
  AUTH_UNREACHABLE(3, "Auth Service Unreachable", "P0"),
  WEBSOCKET_CLOSE(4, "WebSocket Connection Management Error", "P1"),
  OPTIONAL_SERVICES(5, "Optional Service Infrastructure Warnings", "P3"),
  OAUTH_CONFIG(6, "Auth Service OAuth Configuration", "P4"),
  HEALTH_CHECKS(7, "Service Health Check Activity", "P4");

  final int number;
  final String title;
  final String priority;

  Family(int number, String title, String priority) {
    this.number = number;
    this.title = title;
    this.priority = priority;
  }
}
