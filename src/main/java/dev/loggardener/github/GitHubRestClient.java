package dev.loggardener.github;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import dev.loggardener.tracker.IssueTracker;
import dev.loggardener.tracker.RemoteIssue;
import dev.loggardener.tracker.TrackerException;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The issues of one GitHub (or GitHub Enterprise Server) repository through GitHub's REST API,
 * spoken with the JDK's {@link HttpClient}.
 *
 * <p>Why the REST API over {@code java.net.http} rather than {@code org.kohsuke:github-api}: the
 * tracker needs six endpoints, and it needs the raw status and headers of every answer to honour
 * {@code Retry-After} and {@code x-ratelimit-*}, to decide what may be retried, and to turn 401,
 * 403, 404 and 422 into one line each. The JDK client is maintained with the JDK, adds nothing to
 * the jar that ships to Dataflow, and keeps every header in view; the library would add its own
 * HTTP connector, Jackson and its own rate-limit handling (blocking or failing by policy) between
 * the tracker and those decisions.
 *
 * <p>Guarantees: the token goes only into the {@code Authorization} header of requests to the
 * configured API host (pagination links to another host are refused) and into no message, log line
 * or exception. Reads and reopening are retried on network errors and 5xx; creating an issue and
 * commenting are not (a lost answer may hide a write that happened: the next run finds it by its
 * marker instead). Requests refused by a primary or secondary rate limit were not carried out and
 * are retried after the wait GitHub asks for, unless that wait exceeds {@code maxWait}. Writes are
 * spaced by {@code writeInterval}, as GitHub asks of content-creating requests.
 */
public final class GitHubRestClient implements IssueTracker {
  /** The public GitHub API; GitHub Enterprise Server uses {@code https://HOST/api/v3}. */
  public static final URI PUBLIC_API = URI.create("https://api.github.com");

  /** The token's environment variable. */
  public static final String TOKEN_VARIABLE = "GITHUB_TOKEN";

  private static final int PAGE_SIZE = 100;
  private static final int MAX_ATTEMPTS = 5;
  private static final int MAX_PAGES = 100;
  private static final Duration TIMEOUT = Duration.ofSeconds(30);
  private static final Pattern NEXT_LINK = Pattern.compile("<([^>]+)>\\s*;\\s*rel=\"next\"");

  /** How the client waits; tests record the waits instead of sleeping. */
  @FunctionalInterface
  public interface Sleeper {
    void sleep(Duration duration) throws InterruptedException;
  }

  /**
   * Pacing and patience.
   *
   * @param writeInterval least time between two writes
   * @param maxWait longest single wait for a rate limit; a longer one fails the request
   * @param retryDelay first wait before retrying a network error or 5xx, doubled per attempt
   */
  public record Pacing(Duration writeInterval, Duration maxWait, Duration retryDelay) {
    public Pacing {
      Objects.requireNonNull(writeInterval, "writeInterval");
      Objects.requireNonNull(maxWait, "maxWait");
      Objects.requireNonNull(retryDelay, "retryDelay");
    }

    /** One second between writes, waits of up to 15 minutes, retries from one second. */
    public static Pacing defaults() {
      return new Pacing(Duration.ofSeconds(1), Duration.ofMinutes(15), Duration.ofSeconds(1));
    }
  }

  private final URI api;
  private final String repository;
  private final String token;
  private final HttpClient http;
  private final Pacing pacing;
  private final Sleeper sleeper;
  private final Clock clock;
  private Instant lastWrite = Instant.EPOCH;

  /**
   * @param api the API root, e.g. {@link #PUBLIC_API} or {@code https://github.example.com/api/v3}
   * @param repository {@code OWNER/NAME}
   * @param token a token allowed to read and write the repository's issues
   */
  public GitHubRestClient(
      URI api, String repository, String token, Pacing pacing, Sleeper sleeper, Clock clock) {
    this.api = withoutTrailingSlash(Objects.requireNonNull(api, "api"));
    this.repository = Objects.requireNonNull(repository, "repository");
    this.token = Objects.requireNonNull(token, "token");
    this.pacing = Objects.requireNonNull(pacing, "pacing");
    this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
    this.clock = Objects.requireNonNull(clock, "clock");
    if (token.isBlank()) {
      throw new IllegalArgumentException("the GitHub token is empty");
    }
    if (!"https".equals(api.getScheme()) && !"http".equals(api.getScheme())) {
      throw new IllegalArgumentException("the GitHub API URL must be http(s), got " + api);
    }
    this.http =
        HttpClient.newBuilder()
            .connectTimeout(TIMEOUT)
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
  }

  /** A client with default pacing that really sleeps. */
  public static GitHubRestClient create(URI api, String repository, String token) {
    return new GitHubRestClient(
        api,
        repository,
        token,
        Pacing.defaults(),
        d -> Thread.sleep(d.toMillis()),
        Clock.systemUTC());
  }

  @Override
  public String repository() {
    return repository;
  }

  @Override
  public List<RemoteIssue> labelled(String label) throws TrackerException {
    List<RemoteIssue> issues = new ArrayList<>();
    URI next =
        repo(
            "/issues?state=all&per_page="
                + PAGE_SIZE
                + "&labels="
                + URLEncoder.encode(label, StandardCharsets.UTF_8));
    for (int page = 0; next != null; page++) {
      if (page == MAX_PAGES) {
        throw new TrackerException(
            0, "more than " + MAX_PAGES * PAGE_SIZE + " issues labelled " + label + "; stopped");
      }
      HttpResponse<String> response = send(get(next), true, "list issues labelled " + label);
      for (JsonElement element : array(response)) {
        JsonObject o = element.getAsJsonObject();
        if (!o.has("pull_request")) {
          issues.add(issue(o));
        }
      }
      next = nextPage(response);
    }
    return issues;
  }

  @Override
  public RemoteIssue issue(long number) throws TrackerException {
    HttpResponse<String> response = send(get(repo("/issues/" + number)), true, "read #" + number);
    return issue(object(response));
  }

  @Override
  public List<String> comments(long number) throws TrackerException {
    List<String> bodies = new ArrayList<>();
    URI next = repo("/issues/" + number + "/comments?per_page=" + PAGE_SIZE);
    for (int page = 0; next != null && page < MAX_PAGES; page++) {
      HttpResponse<String> response = send(get(next), true, "read comments of #" + number);
      for (JsonElement element : array(response)) {
        JsonElement body = element.getAsJsonObject().get("body");
        bodies.add(body == null || body.isJsonNull() ? "" : body.getAsString());
      }
      next = nextPage(response);
    }
    return bodies;
  }

  @Override
  public RemoteIssue create(String title, String body, List<String> labels)
      throws TrackerException {
    JsonObject payload = new JsonObject();
    payload.addProperty("title", title);
    payload.addProperty("body", body);
    JsonArray names = new JsonArray();
    labels.forEach(names::add);
    payload.add("labels", names);
    HttpResponse<String> response =
        send(write("POST", repo("/issues"), payload), false, "create issue");
    return issue(object(response));
  }

  @Override
  public void comment(long number, String body) throws TrackerException {
    JsonObject payload = new JsonObject();
    payload.addProperty("body", body);
    send(
        write("POST", repo("/issues/" + number + "/comments"), payload),
        false,
        "comment on #" + number);
  }

  @Override
  public void reopen(long number) throws TrackerException {
    JsonObject payload = new JsonObject();
    payload.addProperty("state", "open");
    send(write("PATCH", repo("/issues/" + number), payload), true, "reopen #" + number);
  }

  private URI repo(String pathAndQuery) {
    return URI.create(api + "/repos/" + repository + pathAndQuery);
  }

  private HttpRequest.Builder request(URI uri) {
    return HttpRequest.newBuilder(uri)
        .timeout(TIMEOUT)
        .header("Accept", "application/vnd.github+json")
        .header("X-GitHub-Api-Version", "2022-11-28")
        .header("User-Agent", "log-gardener")
        .header("Authorization", "Bearer " + token);
  }

  private HttpRequest get(URI uri) {
    return request(uri).GET().build();
  }

  private HttpRequest write(String method, URI uri, JsonObject payload) {
    return request(uri)
        .header("Content-Type", "application/json")
        .method(method, HttpRequest.BodyPublishers.ofString(payload.toString()))
        .build();
  }

  private HttpResponse<String> send(HttpRequest request, boolean idempotent, String what)
      throws TrackerException {
    boolean writes = !request.method().equals("GET");
    Duration backoff = pacing.retryDelay();
    for (int attempt = 0; ; attempt++) {
      if (writes) {
        pace();
      }
      HttpResponse<String> response;
      try {
        response = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
      } catch (IOException e) {
        if (!idempotent || attempt + 1 >= MAX_ATTEMPTS) {
          throw new TrackerException(
              0,
              what
                  + ": no answer from "
                  + api.getHost()
                  + " ("
                  + e.getClass().getSimpleName()
                  + ")");
        }
        sleep(backoff, what);
        backoff = backoff.multipliedBy(2);
        continue;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new TrackerException(0, what + ": interrupted");
      }
      int status = response.statusCode();
      if (status >= 200 && status < 300) {
        return response;
      }
      Optional<Duration> limited =
          RateLimits.waitFor(status, response.headers(), response.body(), clock, attempt);
      if (limited.isPresent() && attempt + 1 < MAX_ATTEMPTS) {
        if (limited.get().compareTo(pacing.maxWait()) > 0) {
          throw new TrackerException(
              status,
              what
                  + ": GitHub rate limit, retry after "
                  + limited.get().toSeconds()
                  + " s exceeds the "
                  + pacing.maxWait().toSeconds()
                  + " s allowed");
        }
        sleep(limited.get(), what);
        continue;
      }
      if (status >= 500 && idempotent && attempt + 1 < MAX_ATTEMPTS) {
        sleep(backoff, what);
        backoff = backoff.multipliedBy(2);
        continue;
      }
      throw new TrackerException(status, what + ": " + refusal(status, response.body()));
    }
  }

  private void pace() throws TrackerException {
    Duration since = Duration.between(lastWrite, clock.instant());
    if (since.compareTo(pacing.writeInterval()) < 0) {
      sleep(pacing.writeInterval().minus(since), "pace writes");
    }
    lastWrite = clock.instant();
  }

  private void sleep(Duration duration, String what) throws TrackerException {
    try {
      sleeper.sleep(duration);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new TrackerException(0, what + ": interrupted");
    }
  }

  /** One line for a refused request, from the status and GitHub's {@code message}. */
  static String refusal(int status, String body) {
    String message = githubMessage(body);
    String meaning =
        switch (status) {
          case 401 -> "401 unauthorized, GitHub refused the token (expired, revoked or mistyped)";
          case 403 -> "403 forbidden, the token may not do this";
          case 404 -> "404 not found, or the token cannot see the repository";
          case 422 -> "422 unprocessable, GitHub refused the content";
          case 429 -> "429 too many requests";
          default -> "HTTP " + status;
        };
    return message.isEmpty() ? meaning : meaning + ": " + message;
  }

  private static String githubMessage(String body) {
    try {
      JsonElement root = JsonParser.parseString(body == null ? "" : body);
      if (!root.isJsonObject()) {
        return "";
      }
      JsonObject o = root.getAsJsonObject();
      StringBuilder text = new StringBuilder();
      if (o.has("message") && o.get("message").isJsonPrimitive()) {
        text.append(o.get("message").getAsString());
      }
      if (o.has("errors") && o.get("errors").isJsonArray()) {
        for (JsonElement e : o.getAsJsonArray("errors")) {
          if (e.isJsonObject() && e.getAsJsonObject().has("message")) {
            text.append("; ").append(e.getAsJsonObject().get("message").getAsString());
          } else if (e.isJsonObject() && e.getAsJsonObject().has("field")) {
            text.append("; ")
                .append(e.getAsJsonObject().get("field").getAsString())
                .append(' ')
                .append(
                    e.getAsJsonObject().has("code")
                        ? e.getAsJsonObject().get("code").getAsString()
                        : "invalid");
          }
        }
      }
      String line = text.toString().replaceAll("\\s+", " ").strip();
      return line.length() <= 200 ? line : line.substring(0, 200) + "…";
    } catch (JsonParseException | IllegalStateException | UnsupportedOperationException e) {
      return "";
    }
  }

  private URI nextPage(HttpResponse<String> response) throws TrackerException {
    Optional<String> link = response.headers().firstValue("link");
    if (link.isEmpty()) {
      return null;
    }
    Matcher m = NEXT_LINK.matcher(link.get());
    if (!m.find()) {
      return null;
    }
    URI next = URI.create(m.group(1));
    if (!Objects.equals(next.getHost(), api.getHost())
        || next.getPort() != api.getPort()
        || !Objects.equals(next.getScheme(), api.getScheme())) {
      throw new TrackerException(
          0, "refusing a pagination link to another host: " + next.getHost());
    }
    return next;
  }

  private static JsonArray array(HttpResponse<String> response) throws TrackerException {
    try {
      JsonElement root = JsonParser.parseString(response.body());
      if (root.isJsonArray()) {
        return root.getAsJsonArray();
      }
    } catch (JsonParseException e) {
      // reported below
    }
    throw new TrackerException(
        response.statusCode(), "GitHub answered with something other than a JSON list");
  }

  private static JsonObject object(HttpResponse<String> response) throws TrackerException {
    try {
      JsonElement root = JsonParser.parseString(response.body());
      if (root.isJsonObject()) {
        return root.getAsJsonObject();
      }
    } catch (JsonParseException e) {
      // reported below
    }
    throw new TrackerException(
        response.statusCode(), "GitHub answered with something other than a JSON object");
  }

  private static RemoteIssue issue(JsonObject o) throws TrackerException {
    try {
      List<String> labels = new ArrayList<>();
      if (o.has("labels") && o.get("labels").isJsonArray()) {
        for (JsonElement l : o.getAsJsonArray("labels")) {
          labels.add(
              l.isJsonObject() ? l.getAsJsonObject().get("name").getAsString() : l.getAsString());
        }
      }
      return new RemoteIssue(
          o.get("number").getAsLong(),
          o.get("html_url").getAsString(),
          "open".equals(o.get("state").getAsString()),
          text(o, "title"),
          text(o, "body"),
          labels);
    } catch (RuntimeException e) {
      throw new TrackerException(
          0, "GitHub answered with an issue lacking number, html_url or state");
    }
  }

  private static String text(JsonObject o, String name) {
    JsonElement e = o.get(name);
    return e == null || e.isJsonNull() ? "" : e.getAsString();
  }

  private static URI withoutTrailingSlash(URI uri) {
    String text = uri.toString();
    return text.endsWith("/") ? URI.create(text.substring(0, text.length() - 1)) : uri;
  }
}
