package dev.loggardener.github;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.loggardener.tracker.RemoteIssue;
import dev.loggardener.tracker.TrackerException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The REST client against a local server speaking GitHub's REST shapes. */
class GitHubRestClientTest {
  private static final Instant NOW = Instant.parse("2025-09-12T06:00:00Z");
  private static final String ISSUES = "/repos/acme/platform/issues";

  private GitHubFake github;
  private final List<Duration> waits = new ArrayList<>();

  @BeforeEach
  void start() {
    github = new GitHubFake();
  }

  @AfterEach
  void stop() {
    github.close();
  }

  private GitHubRestClient client(Duration maxWait) {
    return new GitHubRestClient(
        github.api(),
        GitHubFake.REPOSITORY,
        GitHubFake.TOKEN,
        new GitHubRestClient.Pacing(Duration.ofSeconds(1), maxWait, Duration.ofMillis(10)),
        waits::add,
        Clock.fixed(NOW, ZoneOffset.UTC));
  }

  private GitHubRestClient client() {
    return client(Duration.ofMinutes(15));
  }

  @Test
  void waitsForThePrimaryLimitToResetThenReads() throws Exception {
    github
        .server()
        .stubFor(
            get(urlPathEqualTo(ISSUES))
                .atPriority(1)
                .inScenario("primary")
                .whenScenarioStateIs("Started")
                .willReturn(
                    aResponse()
                        .withStatus(403)
                        .withHeader("x-ratelimit-remaining", "0")
                        .withHeader("x-ratelimit-reset", String.valueOf(NOW.getEpochSecond() + 30))
                        .withBody("{\"message\":\"API rate limit exceeded\"}"))
                .willSetStateTo("reset"));
    github.add("A", "body", "open", "log-gardener");

    List<RemoteIssue> issues = client().labelled("log-gardener");

    assertThat(issues).extracting(RemoteIssue::number).containsExactly(1L);
    assertThat(waits).containsExactly(Duration.ofSeconds(31));
  }

  @Test
  void failsInOneLineWhenTheLimitAsksForMoreThanItMayWait() {
    github
        .server()
        .stubFor(
            get(urlPathEqualTo(ISSUES))
                .atPriority(1)
                .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "3600")));

    assertThatThrownBy(() -> client(Duration.ofMinutes(5)).labelled("log-gardener"))
        .isInstanceOf(TrackerException.class)
        .hasMessage(
            "list issues labelled log-gardener: GitHub rate limit, retry after 3600 s exceeds"
                + " the 300 s allowed");
    assertThat(github.requests()).isEqualTo(1);
  }

  @Test
  void retriesAReadAfterAServerErrorButNeverACreation() throws Exception {
    github
        .server()
        .stubFor(
            get(urlPathEqualTo(ISSUES + "/1"))
                .atPriority(1)
                .inScenario("flaky")
                .whenScenarioStateIs("Started")
                .willReturn(aResponse().withStatus(502))
                .willSetStateTo("up"));
    github
        .server()
        .stubFor(
            post(urlPathEqualTo(ISSUES)).atPriority(1).willReturn(aResponse().withStatus(502)));
    github.add("A", "body", "open", "log-gardener");

    RemoteIssue read = client().issue(1);

    assertThat(read.title()).isEqualTo("A");
    assertThatThrownBy(() -> client().create("B", "body", List.of("log-gardener")))
        .isInstanceOf(TrackerException.class)
        .hasMessage("create issue: HTTP 502");
    assertThat(github.writes()).isEqualTo(1);
  }

  @Test
  void pagesThroughTheLabelledIssuesAndLeavesPullRequestsOut() throws Exception {
    github.pageBy(2);
    for (int i = 0; i < 5; i++) {
      github.add("issue " + i, "b", i % 2 == 0 ? "open" : "closed", "log-gardener");
    }
    github.add("other", "b", "open", "bug");
    github.add("a pull request", "b", "open", "log-gardener").pullRequest = true;

    List<RemoteIssue> issues = client().labelled("log-gardener");

    assertThat(issues).extracting(RemoteIssue::number).containsExactly(1L, 2L, 3L, 4L, 5L);
    assertThat(issues.get(1).open()).isFalse();
  }

  @Test
  void refusesToFollowAPaginationLinkToAnotherHost() {
    github
        .server()
        .stubFor(
            get(urlPathEqualTo(ISSUES))
                .atPriority(1)
                .willReturn(
                    aResponse()
                        .withStatus(200)
                        .withHeader(
                            "Link", "<https://elsewhere.example/steal?page=2>; rel=\"next\"")
                        .withBody("[]")));

    assertThatThrownBy(() -> client().labelled("log-gardener"))
        .isInstanceOf(TrackerException.class)
        .hasMessageContaining("another host: elsewhere.example");
    assertThat(github.requests()).isEqualTo(1);
  }

  @Test
  void describesAForbiddenRequestInOneLine() {
    github
        .server()
        .stubFor(
            post(urlPathEqualTo(ISSUES + "/1/comments"))
                .atPriority(1)
                .willReturn(
                    aResponse()
                        .withStatus(403)
                        .withBody("{\"message\":\"Resource not accessible by integration\"}")));

    assertThatThrownBy(() -> client().comment(1, "hello"))
        .isInstanceOf(TrackerException.class)
        .hasMessage(
            "comment on #1: 403 forbidden, the token may not do this: Resource not accessible by"
                + " integration");
  }

  @Test
  void spacesWritesAsGitHubAsksOfContentCreation() throws Exception {
    github.add("A", "body", "open", "log-gardener");
    GitHubRestClient client = client();

    client.comment(1, "one");
    client.comment(1, "two");

    assertThat(waits).containsExactly(Duration.ofSeconds(1));
    assertThat(github.issues().get(0).comments).containsExactly("one", "two");
  }

  @Test
  void asksForAtLeastAMinuteOnASecondaryLimitWithoutHeaders() {
    java.net.http.HttpHeaders none =
        java.net.http.HttpHeaders.of(java.util.Map.of(), (a, b) -> true);
    Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);

    assertThat(RateLimits.waitFor(429, none, "", clock, 0)).contains(Duration.ofMinutes(1));
    assertThat(RateLimits.waitFor(403, none, "You have exceeded a secondary rate limit", clock, 2))
        .contains(Duration.ofMinutes(4));
    assertThat(RateLimits.waitFor(403, none, "Resource not accessible", clock, 0)).isEmpty();
    assertThat(RateLimits.waitFor(500, none, "", clock, 0)).isEmpty();
  }
}
