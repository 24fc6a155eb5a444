package dev.loggardener.scenario;

/** Names shared by the planted families and the background noise of the staging project. */
final class Services {
  static final String PROJECT = "netra-staging";
  static final String LOCATION = "us-central1";
  static final String BACKEND = "netra-backend-staging";
  static final String AUTH = "netra-auth-service";
  static final String UVICORN_HTTP_FILE =
      "/usr/local/lib/python3.11/site-packages/uvicorn/protocols/http/httptools_impl.py";
  static final long UVICORN_ACCESS_LINE = 476;

  private Services() {}
}
