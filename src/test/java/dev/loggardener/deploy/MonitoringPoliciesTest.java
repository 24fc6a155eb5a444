package dev.loggardener.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Checks deploy/terraform/monitoring.tf offline: every alert condition, SLO and dashboard chart
 * names a metric type Cloud Monitoring publishes (src/test/resources/deploy/published-metrics.tsv)
 * with its own monitored resource and labels, in a well-formed filter or PromQL selector, with an
 * aligner its metric kind allows; the pipeline counters they name exist in the code; every alert
 * notifies the configured channels and points at a runbook section that exists; and together the
 * alerts watch every signal the runbook promises.
 */
class MonitoringPoliciesTest {
  private static final Pattern ALERT_POLICY =
      Pattern.compile("(?m)^resource \"google_monitoring_alert_policy\" \"([a-z0-9_]+)\"");
  private static final Pattern CONDITIONS = Pattern.compile("(?m)^  conditions");
  private static final Pattern CONDITION =
      Pattern.compile(
          "(?m)^    (condition_threshold|condition_absent|condition_matched_log"
              + "|condition_prometheus_query_language)");
  private static final Pattern FILTER_CLAUSE =
      Pattern.compile(
          "^(resource\\.type|metric\\.type|resource\\.label\\.([a-z_]+)|metric\\.label\\.([a-z_]+))"
              + " = \"([^\"]+)\"$");
  private static final Pattern SLO_BURN_RATE =
      Pattern.compile(
          "^select_slo_burn_rate\\(\"\\$\\{google_monitoring_slo\\.[a-z_]+\\.name\\}\","
              + " \"[0-9]+s\"\\)$");
  private static final Pattern PROMQL_SELECTOR = Pattern.compile("\\{(\"__name__\"[^{}]*)\\}");
  private static final Pattern PROMQL_MATCHER =
      Pattern.compile("\"([a-z_]+)\"\\s*(=~|!=|=)\\s*\"([^\"]*)\"");
  private static final Pattern PROMQL_RANGE = Pattern.compile("\\[([^]]*)]");
  private static final Pattern ARGUMENT =
      Pattern.compile(
          "(?m)^\\s*([a-zA-Z_]+)\\s*=\\s*(local\\.[a-z0-9_]+|\"(?:[^\"\\\\]|\\\\.)*\")");
  private static final Pattern ALIGNER =
      Pattern.compile("(?:per_series_aligner|perSeriesAligner)\\s*=\\s*\"([A-Z_]+)\"");
  private static final Pattern RUNBOOK_SECTION =
      Pattern.compile("runbook_alerts\\}, \\\\\"([^\"\\\\]+)\\\\\"");
  private static final Pattern COUNTER =
      Pattern.compile("Metrics\\.counter\\(\"([a-z_]+)\",\\s*\"([a-z_]+)\"\\)");
  private static final Set<String> RATE_ALIGNERS = Set.of("ALIGN_DELTA", "ALIGN_RATE");

  private static TerraformText terraform;
  private static String monitoring;
  private static Map<String, PublishedMetric> metrics;
  private static Map<String, Set<String>> resourceLabels;
  private static Map<String, Set<String>> counterNamespaces;

  record PublishedMetric(String type, String kind, String resource, Set<String> labels) {}

  record Condition(String policy, String kind, String body) {}

  @BeforeAll
  static void readConfiguration() throws IOException {
    terraform = TerraformText.load();
    monitoring = terraform.file("monitoring.tf");
    metrics = new TreeMap<>();
    for (String[] row : tsv("published-metrics.tsv")) {
      Set<String> labels = row[3].equals("-") ? Set.of() : Set.of(row[3].split(","));
      metrics.put(row[0], new PublishedMetric(row[0], row[1], row[2], labels));
    }
    resourceLabels = new TreeMap<>();
    for (String[] row : tsv("monitored-resources.tsv")) {
      resourceLabels.put(row[0], Set.of(row[1].split(",")));
    }
    counterNamespaces = new HashMap<>();
    try (Stream<Path> sources = Files.walk(Path.of("src", "main", "java"))) {
      for (Path source : sources.filter(f -> f.toString().endsWith(".java")).toList()) {
        COUNTER
            .matcher(TerraformText.read(source))
            .results()
            .forEach(
                m ->
                    counterNamespaces
                        .computeIfAbsent(m.group(2), name -> new TreeSet<>())
                        .add(m.group(1)));
      }
    }
  }

  @Test
  void everyAlertNotifiesTheConfiguredChannelsWithASeverityAndARunbookSection() {
    Set<String> sections = runbookSections();
    Map<String, String> policies = alertPolicies();
    assertThat(policies).as("alert policies in monitoring.tf").hasSizeGreaterThanOrEqualTo(6);
    policies.forEach(
        (name, body) -> {
          assertThat(body)
              .as("%s notifies var.notification_channels", name)
              .containsPattern("notification_channels\\s*=\\s*var\\.notification_channels");
          assertThat(body)
              .as("%s has a severity", name)
              .containsPattern("severity\\s*=\\s*\"(CRITICAL|ERROR|WARNING)\"");
          Matcher section = RUNBOOK_SECTION.matcher(body);
          assertThat(section.find()).as("%s documentation names a runbook section", name).isTrue();
          assertThat(sections)
              .as("'When an alert fires' sections of deploy/README.md, named by %s", name)
              .contains(section.group(1));
          assertThat(HclText.blocks(body, CONDITIONS)).as("%s conditions", name).isNotEmpty();
        });
  }

  @Test
  void everyConditionIsOneWellFormedConditionOnAPublishedMetric() {
    List<Condition> conditions = conditions();
    assertThat(conditions).isNotEmpty();
    for (Condition condition : conditions) {
      String where = condition.policy() + " " + condition.kind();
      switch (condition.kind()) {
        case "condition_threshold", "condition_absent" -> {
          String filter = argument(condition.body(), "filter", where);
          if (SLO_BURN_RATE.matcher(filter).matches()) {
            assertThat(condition.kind()).as(where).isEqualTo("condition_threshold");
            continue;
          }
          PublishedMetric metric = checkFilter(filter, where);
          checkAligners(condition.body(), metric, where);
          int duration = seconds(argument(condition.body(), "duration", where), where);
          if (condition.kind().equals("condition_absent")) {
            assertThat(duration)
                .as("%s: absence needs at least 120 s", where)
                .isGreaterThanOrEqualTo(120);
          }
          if (metric.kind().equals("GAUGE")) {
            assertThat(condition.body())
                .as("%s aligns its gauge before comparing", where)
                .contains("aggregations");
          }
        }
        case "condition_prometheus_query_language" -> {
          checkPromQl(argument(condition.body(), "query", where), where);
          seconds(argument(condition.body(), "duration", where), where);
          seconds(argument(condition.body(), "evaluation_interval", where), where);
        }
        case "condition_matched_log" -> {
          String filter = argument(condition.body(), "filter", where);
          assertThat(filter).as(where).containsPattern("resource\\.type=\"[a-z_]+\"");
          assertThat(alertPolicies().get(condition.policy()))
              .as("%s: a log-match alert needs a notification rate limit", where)
              .contains("notification_rate_limit");
        }
        default -> throw new AssertionError("unknown condition " + where);
      }
    }
  }

  @Test
  void sloAndDashboardChartsReadPublishedMetricsWithAllowedAligners() {
    HclText.Block slo =
        HclText.blocks(
                monitoring,
                Pattern.compile("(?m)^resource \"google_monitoring_slo\" \"([a-z_]+)\""))
            .get(0);
    PublishedMetric sli = checkFilter(argument(slo.body(), "time_series", "SLO"), "SLO");
    assertThat(sli.kind()).as("a windows-based mean-in-range SLI reads a gauge").isEqualTo("GAUGE");

    int start = monitoring.indexOf("dashboard_widgets = [");
    int end = monitoring.indexOf("resource \"google_monitoring_dashboard\"");
    assertThat(start)
        .as("local.dashboard_widgets before the dashboard")
        .isNotNegative()
        .isLessThan(end);
    String widgets = monitoring.substring(start, end);
    Matcher filter = Pattern.compile("filter = (local\\.[a-z0-9_]+|\"[^\"]*\")").matcher(widgets);
    int charts = 0;
    while (filter.find()) {
      String where = "dashboard chart " + filter.group(1);
      String chart = widgets.substring(filter.start(), widgets.indexOf('\n', filter.start()));
      checkAligners(chart, checkFilter(value(filter.group(1), where), where), where);
      charts++;
    }
    Matcher promql =
        Pattern.compile("prometheusQuery = (local\\.[a-z0-9_]+|\"(?:[^\"\\\\]|\\\\.)*\")")
            .matcher(widgets);
    while (promql.find()) {
      checkPromQl(value(promql.group(1), "dashboard query"), "dashboard query " + promql.group(1));
      charts++;
    }
    assertThat(charts).as("dashboard charts").isGreaterThanOrEqualTo(8);
  }

  @Test
  void alertsWatchEverySignalTheRunbookPromises() {
    String stream = value("local.stream_job_name", "stream job name");
    String worklog = value("local.worklog_job_name", "worklog job name");
    Set<String> watched = new TreeSet<>();
    for (Condition condition : conditions()) {
      String body = condition.body();
      String where = condition.policy();
      switch (condition.kind()) {
        case "condition_threshold", "condition_absent" -> {
          String filter = argument(body, "filter", where);
          Matcher type = Pattern.compile("metric\\.type = \"([^\"]+)\"").matcher(filter);
          Matcher job = Pattern.compile("job_name = \"([^\"]+)\"").matcher(filter);
          if (type.find()) {
            watched.add(type.group(1) + (job.find() ? " of " + job.group(1) : ""));
          }
        }
        case "condition_prometheus_query_language" -> watched.add("pipeline counters");
        case "condition_matched_log" -> watched.add("log " + argument(body, "filter", where));
        default -> {}
      }
    }
    assertThat(watched)
        .as("signals the alerts watch")
        .contains(
            "pubsub.googleapis.com/subscription/oldest_unacked_message_age",
            "dataflow.googleapis.com/job/data_watermark_age of " + stream,
            "dataflow.googleapis.com/job/system_lag of " + stream,
            "dataflow.googleapis.com/job/is_failed of " + stream,
            "dataflow.googleapis.com/job/is_failed of " + worklog,
            "logging.googleapis.com/exports/error_count",
            "pipeline counters");
    assertThat(watched)
        .as("the worklog's launches are watched in Cloud Scheduler's log")
        .anyMatch(
            s ->
                s.contains("cloud_scheduler_job")
                    && s.contains("google_cloud_scheduler_job.worklog.name"));
  }

  @Test
  void deadLetterAlertDividesDeadLettersWrittenByMessagesRead() {
    Condition promql =
        conditions().stream()
            .filter(c -> c.kind().equals("condition_prometheus_query_language"))
            .findFirst()
            .orElseThrow();
    String query = argument(promql.body(), "query", promql.policy());
    int division = query.indexOf("\n/\n");
    assertThat(division).as("a ratio: numerator / denominator, in %s", query).isPositive();
    assertThat(counterNamespaces.get(metricName(query.substring(0, division))))
        .as("numerator counter's namespace")
        .containsExactly("deadletters");
    assertThat(counterNamespaces.get(metricName(query.substring(division))))
        .as("denominator counter's namespace")
        .containsExactly("parse");
  }

  @Test
  void everySubscriptionAndSinkIsWatchedByAnAlert() {
    StringBuilder filters = new StringBuilder();
    for (Condition condition : conditions()) {
      if (!condition.kind().equals("condition_prometheus_query_language")) {
        filters.append(argument(condition.body(), "filter", condition.policy())).append('\n');
      }
    }
    Set<String> subscriptions =
        Pattern.compile("(?m)^resource \"google_pubsub_subscription\" \"([a-z0-9_]+)\"")
            .matcher(terraform.all())
            .results()
            .map(m -> m.group(1))
            .collect(Collectors.toCollection(TreeSet::new));
    assertThat(subscriptions).isNotEmpty();
    for (String subscription : subscriptions) {
      assertThat(filters.toString())
          .as("an alert filters on subscription %s", subscription)
          .contains(
              "subscription_id = \"${google_pubsub_subscription." + subscription + ".name}\"");
    }
    Matcher sinkNames =
        Pattern.compile(
                "(?ms)^resource \"google_logging_(?:project|folder|organization)_sink\" \"[a-z_]+\""
                    + " \\{.*?^  name\\s*=\\s*(\\S+)$")
            .matcher(terraform.file("logging.tf"));
    int sinks = 0;
    while (sinkNames.find()) {
      assertThat(filters.toString())
          .as("an alert filters on sinks named %s", sinkNames.group(1))
          .contains("resource.label.name = \"" + value(sinkNames.group(1), "sink name") + "\"");
      sinks++;
    }
    assertThat(sinks).as("project, folder and organization sinks").isEqualTo(3);
  }

  private static PublishedMetric checkFilter(String filter, String where) {
    Map<String, String> resourceLabelValues = new TreeMap<>();
    Map<String, String> metricLabelValues = new TreeMap<>();
    String metricType = null;
    String resourceType = null;
    for (String clause : filter.split(" AND ")) {
      Matcher matcher = FILTER_CLAUSE.matcher(clause);
      assertThat(matcher.matches())
          .as("%s: clause '%s' is selector = \"value\"", where, clause)
          .isTrue();
      switch (matcher.group(1)) {
        case "metric.type" -> {
          assertThat(metricType).as("%s: one metric.type", where).isNull();
          metricType = matcher.group(4);
        }
        case "resource.type" -> {
          assertThat(resourceType).as("%s: one resource.type", where).isNull();
          resourceType = matcher.group(4);
        }
        default -> {
          if (matcher.group(2) != null) {
            resourceLabelValues.put(matcher.group(2), matcher.group(4));
          } else {
            metricLabelValues.put(matcher.group(3), matcher.group(4));
          }
        }
      }
    }
    assertThat(metricType).as("%s names a metric.type", where).isNotNull();
    assertThat(resourceType).as("%s names a resource.type", where).isNotNull();
    assertThat(metrics).as("%s: published metric types", where).containsKey(metricType);
    PublishedMetric metric = metrics.get(metricType);
    assertThat(resourceType)
        .as("%s: monitored resource of %s", where, metricType)
        .isEqualTo(metric.resource());
    assertThat(resourceLabels.get(resourceType))
        .as("%s: labels of %s", where, resourceType)
        .containsAll(resourceLabelValues.keySet());
    assertThat(metric.labels())
        .as("%s: labels of %s", where, metricType)
        .containsAll(metricLabelValues.keySet());
    return metric;
  }

  private static void checkAligners(String text, PublishedMetric metric, String where) {
    Matcher aligner = ALIGNER.matcher(text);
    while (aligner.find()) {
      if (RATE_ALIGNERS.contains(aligner.group(1))) {
        assertThat(metric.kind())
            .as(
                "%s: %s needs a DELTA or CUMULATIVE metric, %s is %s",
                where, aligner.group(1), metric.type(), metric.kind())
            .isIn("DELTA", "CUMULATIVE");
      }
    }
  }

  private static void checkPromQl(String expression, String where) {
    String query = expression.replaceAll("\\$\\{[^{}]*\\}", "INTERPOLATED");
    assertThat(balanced(query)).as("%s: balanced brackets in %s", where, query).isTrue();
    Matcher selector = PROMQL_SELECTOR.matcher(query);
    int selectors = 0;
    while (selector.find()) {
      Map<String, String> labels = new TreeMap<>();
      Map<String, String> operators = new TreeMap<>();
      PROMQL_MATCHER
          .matcher(selector.group(1))
          .results()
          .forEach(
              m -> {
                labels.put(m.group(1), m.group(3));
                operators.put(m.group(1), m.group(2));
              });
      PublishedMetric metric = metrics.get(labels.get("__name__"));
      assertThat(metric).as("%s: published metric %s", where, labels.get("__name__")).isNotNull();
      assertThat(labels.get("monitored_resource"))
          .as("%s: monitored_resource of %s", where, metric.type())
          .isEqualTo(metric.resource());
      Set<String> allowed = new TreeSet<>(resourceLabels.get(metric.resource()));
      allowed.addAll(metric.labels());
      allowed.addAll(Set.of("__name__", "monitored_resource"));
      assertThat(allowed).as("%s: labels of %s", where, metric.type()).containsAll(labels.keySet());
      if (labels.containsKey("metric_name")) {
        String names = labels.get("metric_name");
        List<String> counters =
            operators.get("metric_name").equals("=~")
                ? List.of(names.split("\\|"))
                : List.of(names);
        for (String counter : counters) {
          assertThat(counterNamespaces.get(counter))
              .as("%s: pipeline counter %s declared once in src/main/java", where, counter)
              .isNotNull()
              .hasSize(1);
        }
      }
      selectors++;
    }
    assertThat(selectors).as("%s: metric selectors in %s", where, query).isPositive();
    Matcher range = PROMQL_RANGE.matcher(query);
    while (range.find()) {
      assertThat(range.group(1)).as("%s: range", where).matches("[0-9]+[smh]");
    }
  }

  private static String metricName(String query) {
    Matcher name = Pattern.compile("\"metric_name\"=\"([a-z_]+)\"").matcher(query);
    assertThat(name.find()).as("a metric_name in %s", query).isTrue();
    return name.group(1);
  }

  private static boolean balanced(String text) {
    int depth = 0;
    for (char c : text.toCharArray()) {
      depth += c == '(' || c == '{' || c == '[' ? 1 : c == ')' || c == '}' || c == ']' ? -1 : 0;
      if (depth < 0) {
        return false;
      }
    }
    return depth == 0;
  }

  private static Map<String, String> alertPolicies() {
    Map<String, String> policies = new TreeMap<>();
    HclText.blocks(monitoring, ALERT_POLICY).forEach(b -> policies.put(b.name(), b.body()));
    return policies;
  }

  private static List<Condition> conditions() {
    List<Condition> conditions = new ArrayList<>();
    alertPolicies()
        .forEach(
            (name, body) -> {
              for (HclText.Block block : HclText.blocks(body, CONDITIONS)) {
                List<HclText.Block> kinds = HclText.blocks(block.body(), CONDITION);
                assertThat(kinds).as("%s: one condition per conditions block", name).hasSize(1);
                conditions.add(new Condition(name, kinds.get(0).name(), kinds.get(0).body()));
              }
            });
    return conditions;
  }

  private static String argument(String body, String name, String where) {
    Matcher argument = ARGUMENT.matcher(body);
    while (argument.find()) {
      if (argument.group(1).equals(name)) {
        return value(argument.group(2), where + " " + name);
      }
    }
    throw new AssertionError(where + " has no " + name + " (a string or a string local)");
  }

  private static String value(String expression, String where) {
    return terraform
        .stringValue(expression)
        .orElseThrow(() -> new AssertionError(where + ": " + expression + " is not a string"));
  }

  private static int seconds(String duration, String where) {
    assertThat(duration).as("%s: duration in seconds", where).matches("[0-9]+s");
    return Integer.parseInt(duration.substring(0, duration.length() - 1));
  }

  private static Set<String> runbookSections() {
    String runbook = TerraformText.read(Path.of("deploy", "README.md"));
    int start = runbook.indexOf("\n## When an alert fires\n");
    assertThat(start).as("'## When an alert fires' in deploy/README.md").isNotNegative();
    int end = runbook.indexOf("\n## ", start + 1);
    return Pattern.compile("(?m)^### (.+)$")
        .matcher(runbook.substring(start, end < 0 ? runbook.length() : end))
        .results()
        .map(m -> m.group(1).trim())
        .collect(Collectors.toCollection(TreeSet::new));
  }

  private static List<String[]> tsv(String name) throws IOException {
    try (InputStream in = MonitoringPoliciesTest.class.getResourceAsStream("/deploy/" + name)) {
      assertThat(in).as("test resource deploy/%s", name).isNotNull();
      return new String(in.readAllBytes(), StandardCharsets.UTF_8)
          .lines()
          .filter(line -> !line.isBlank() && !line.startsWith("#"))
          .map(line -> line.split("\t"))
          .toList();
    }
  }
}
