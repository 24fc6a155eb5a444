package dev.loggardener.github;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.http.RequestMethod;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A local HTTP server (WireMock) that answers GitHub's issue endpoints with GitHub's REST shapes
 * and keeps the issues and comments it is sent, so that runs can be repeated against it. Stubs
 * registered on {@link #server()} with a higher priority (a lower number) answer first, which is
 * how tests inject rate limits and refusals.
 */
public final class GitHubFake implements AutoCloseable {
  public static final String REPOSITORY = "acme/platform";
  public static final String TOKEN = "ghp_FakeTokenThatMustNeverLeak0123456789";

  private static final Pattern ISSUES = Pattern.compile("/repos/" + REPOSITORY + "/issues");
  private static final Pattern ISSUE = Pattern.compile("/repos/" + REPOSITORY + "/issues/(\\d+)");
  private static final Pattern COMMENTS =
      Pattern.compile("/repos/" + REPOSITORY + "/issues/(\\d+)/comments");

  /** An issue as the fake keeps it. */
  public static final class Issue {
    public final long number;
    public String title;
    public String body;
    public String state = "open";
    public final List<String> labels = new ArrayList<>();
    public final List<String> comments = new ArrayList<>();
    public boolean pullRequest;

    Issue(long number) {
      this.number = number;
    }
  }

  private final Map<Long, Issue> issues = new LinkedHashMap<>();
  private final WireMockServer server;
  private int pageSize = 0;

  public GitHubFake() {
    server =
        new WireMockServer(
            wireMockConfig()
                .dynamicPort()
                .bindAddress("127.0.0.1")
                .jettyAcceptors(1)
                .extensions(new Behaviour()));
    server.start();
    server.stubFor(
        any(anyUrl()).atPriority(10).willReturn(aResponse().withTransformers(Behaviour.NAME)));
  }

  public WireMockServer server() {
    return server;
  }

  public URI api() {
    return URI.create("http://127.0.0.1:" + server.port());
  }

  /** Pages listings by this many issues (0: GitHub's page size from the request). */
  public void pageBy(int size) {
    pageSize = size;
  }

  public synchronized Issue add(String title, String body, String state, String... labels) {
    Issue issue = new Issue(issues.size() + 1);
    issue.title = title;
    issue.body = body;
    issue.state = state;
    issue.labels.addAll(List.of(labels));
    issues.put(issue.number, issue);
    return issue;
  }

  public synchronized List<Issue> issues() {
    return List.copyOf(issues.values());
  }

  /** Requests that write: POST, PATCH, PUT, DELETE. */
  public int writes() {
    return (int)
        server.getAllServeEvents().stream()
            .map(e -> e.getRequest().getMethod())
            .filter(m -> !m.equals(RequestMethod.GET))
            .count();
  }

  public int requests() {
    return server.getAllServeEvents().size();
  }

  /** Everything the fake was sent, bodies and headers other than Authorization included. */
  public String received() {
    StringBuilder text = new StringBuilder();
    for (ServeEvent e : server.getAllServeEvents()) {
      text.append(e.getRequest().getMethod()).append(' ').append(e.getRequest().getUrl());
      text.append('\n').append(e.getRequest().getBodyAsString()).append('\n');
    }
    return text.toString();
  }

  @Override
  public void close() {
    server.stop();
  }

  private final class Behaviour implements ResponseDefinitionTransformerV2 {
    static final String NAME = "github-fake";

    @Override
    public String getName() {
      return NAME;
    }

    @Override
    public boolean applyGlobally() {
      return false;
    }

    @Override
    public ResponseDefinition transform(ServeEvent event) {
      synchronized (GitHubFake.this) {
        return answer(event.getRequest()).build();
      }
    }

    private ResponseDefinitionBuilder answer(Request request) {
      if (!("Bearer " + TOKEN).equals(request.getHeader("Authorization"))) {
        return json(401, "{\"message\":\"Bad credentials\",\"status\":\"401\"}");
      }
      URI uri = URI.create(request.getUrl());
      String path = uri.getPath();
      Map<String, String> query = query(uri.getRawQuery());
      String method = request.getMethod().getName();
      Matcher comments = COMMENTS.matcher(path);
      Matcher one = ISSUE.matcher(path);
      if (ISSUES.matcher(path).matches() && method.equals("GET")) {
        return list(query);
      }
      if (ISSUES.matcher(path).matches() && method.equals("POST")) {
        JsonObject in = JsonParser.parseString(request.getBodyAsString()).getAsJsonObject();
        if (!in.has("title") || in.get("title").getAsString().isBlank()) {
          return json(
              422,
              "{\"message\":\"Validation Failed\",\"errors\":[{\"resource\":\"Issue\","
                  + "\"field\":\"title\",\"code\":\"missing_field\"}]}");
        }
        Issue issue = new Issue(issues.size() + 1);
        issue.title = in.get("title").getAsString();
        issue.body = in.get("body").getAsString();
        in.getAsJsonArray("labels").forEach(l -> issue.labels.add(l.getAsString()));
        issues.put(issue.number, issue);
        return json(201, render(issue).toString());
      }
      if (comments.matches()) {
        Issue issue = issues.get(Long.parseLong(comments.group(1)));
        if (issue == null) {
          return json(404, "{\"message\":\"Not Found\"}");
        }
        if (method.equals("POST")) {
          String body =
              JsonParser.parseString(request.getBodyAsString())
                  .getAsJsonObject()
                  .get("body")
                  .getAsString();
          issue.comments.add(body);
          JsonObject c = new JsonObject();
          c.addProperty("id", issue.number * 1000 + issue.comments.size());
          c.addProperty("body", body);
          return json(201, c.toString());
        }
        JsonArray out = new JsonArray();
        for (int i = 0; i < issue.comments.size(); i++) {
          JsonObject c = new JsonObject();
          c.addProperty("id", issue.number * 1000 + i + 1);
          c.addProperty("body", issue.comments.get(i));
          out.add(c);
        }
        return json(200, out.toString());
      }
      if (one.matches()) {
        Issue issue = issues.get(Long.parseLong(one.group(1)));
        if (issue == null) {
          return json(404, "{\"message\":\"Not Found\"}");
        }
        if (method.equals("PATCH")) {
          JsonObject in = JsonParser.parseString(request.getBodyAsString()).getAsJsonObject();
          if (in.has("state")) {
            issue.state = in.get("state").getAsString();
          }
        }
        return json(200, render(issue).toString());
      }
      return json(404, "{\"message\":\"Not Found\"}");
    }

    private ResponseDefinitionBuilder list(Map<String, String> query) {
      String label = query.get("labels");
      String state = query.getOrDefault("state", "open");
      List<Issue> matching = new ArrayList<>();
      for (Issue issue : issues.values()) {
        if ((label == null || issue.labels.contains(label))
            && (state.equals("all") || issue.state.equals(state))) {
          matching.add(issue);
        }
      }
      int size = pageSize > 0 ? pageSize : Integer.parseInt(query.getOrDefault("per_page", "30"));
      int page = Integer.parseInt(query.getOrDefault("page", "1"));
      int from = Math.min(matching.size(), (page - 1) * size);
      int to = Math.min(matching.size(), from + size);
      JsonArray out = new JsonArray();
      matching.subList(from, to).forEach(i -> out.add(render(i)));
      ResponseDefinitionBuilder response = json(200, out.toString());
      if (to < matching.size()) {
        response.withHeader(
            "Link",
            "<"
                + api()
                + "/repos/"
                + REPOSITORY
                + "/issues?state="
                + state
                + "&labels="
                + label
                + "&per_page="
                + size
                + "&page="
                + (page + 1)
                + ">; rel=\"next\"");
      }
      return response;
    }

    private JsonObject render(Issue issue) {
      JsonObject o = new JsonObject();
      o.addProperty("number", issue.number);
      o.addProperty("html_url", "https://github.example/" + REPOSITORY + "/issues/" + issue.number);
      o.addProperty("state", issue.state);
      o.addProperty("title", issue.title);
      o.addProperty("body", issue.body);
      JsonArray labels = new JsonArray();
      for (String name : issue.labels) {
        JsonObject l = new JsonObject();
        l.addProperty("name", name);
        labels.add(l);
      }
      o.add("labels", labels);
      if (issue.pullRequest) {
        o.add("pull_request", new JsonObject());
      }
      return o;
    }

    private ResponseDefinitionBuilder json(int status, String body) {
      return aResponse()
          .withStatus(status)
          .withHeader("Content-Type", "application/json; charset=utf-8")
          .withHeader("x-ratelimit-limit", "5000")
          .withHeader("x-ratelimit-remaining", "4999")
          .withBody(body);
    }

    private Map<String, String> query(String raw) {
      Map<String, String> out = new LinkedHashMap<>();
      if (raw == null) {
        return out;
      }
      for (String pair : raw.split("&")) {
        int eq = pair.indexOf('=');
        if (eq > 0) {
          out.put(
              pair.substring(0, eq),
              java.net.URLDecoder.decode(
                  pair.substring(eq + 1), java.nio.charset.StandardCharsets.UTF_8));
        }
      }
      return out;
    }
  }
}
