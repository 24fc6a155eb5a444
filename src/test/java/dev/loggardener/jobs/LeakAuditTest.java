package dev.loggardener.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import dev.loggardener.beam.AggregationSettings;
import dev.loggardener.beam.RawMessage;
import dev.loggardener.beam.RawMessageCoder;
import dev.loggardener.beam.WriteAggregates;
import dev.loggardener.beam.WriteDeadLetters;
import dev.loggardener.cli.WorklogCommand;
import dev.loggardener.normalize.RuleSet;
import dev.loggardener.normalize.SecretCatalog;
import dev.loggardener.store.DuckDbIssueWindowSource;
import dev.loggardener.store.DuckDbStore;
import dev.loggardener.worklog.Period;
import dev.loggardener.worklog.Worklog;
import dev.loggardener.worklog.WorklogJob;
import dev.loggardener.worklog.WorklogRules;
import dev.loggardener.worklog.WorklogSettings;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.transforms.Create;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;
import org.junit.runner.RunWith;
import org.junit.runners.JUnit4;
import org.slf4j.LoggerFactory;

/**
 * Plants one secret of every class the redactor knows (the redact rules, every example of every
 * detector of the secrets catalog, every context form) in messages, labels, request URLs and stack
 * traces, runs them through the production graph into DuckDB and the worklog, and looks for the
 * secrets' bytes in everything analysts read and in our own log output. Dead letters are not
 * checked: they keep the raw payload byte for byte for replay, and their error detail may quote it,
 * so the deployment keeps them in a restricted dataset.
 */
@RunWith(JUnit4.class)
public class LeakAuditTest {
  static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-28T12:00:00Z"), ZoneOffset.UTC);
  private static final Instant T0 = Instant.parse("2026-11-28T09:00:00Z");

  /** Secret class → the secret value exactly as it is planted. */
  static final Map<String, String> SECRETS = new LinkedHashMap<>();

  static {
    SECRETS.put(
        "jwt",
        "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJsZWFrLWF1ZGl0In0.Qm9ndXNTaWduYXR1cmVGb3JMZWFrQXVkaXQ");
    SECRETS.put("bearer", "ya29.LeakAuditBearer0123456789");
    SECRETS.put("basic", "bGVha2F1ZGl0OnMzY3IzdA==");
    SECRETS.put("google-api-key", "AIzaSyLeakAudit0123456789abcdefghijklmn");
    SECRETS.put("aws-access-key-id", "AKIALEAKAUDIT0123456");
    SECRETS.put("github-token", "ghp_LeakAudit0123456789abcdefghijklmnop");
    SECRETS.put("gitlab-token", "glpat-LeakAudit0123456789xyz");
    SECRETS.put("slack-token", "xoxb-123456789012-LeakAuditSlackBot");
    SECRETS.put("slack-webhook", "T0LEAK/B0AUDIT/LeakAuditWebhookPath");
    SECRETS.put("private-key", "MIIEpAIBAAKCAQEAleakauditprivatekeybody0123");
    SECRETS.put("password", "Hunter2LeakAuditPw");
    SECRETS.put("secret", "LeakAuditClientSecretValue");
    SECRETS.put("token", "LeakAuditRefreshTok3n");
    SECRETS.put("api-key", "LeakAuditApiKeyValue99");
    SECRETS.put("url-credentials", "LeakAuditUrlPass");
    SECRETS.put("email", "leak.audit.person@example.org");
    SECRETS.put("card-number", "4111 1111 1111 1111");
  }

  /** One secret as planted: its class, the text that carries it, and its bytes. */
  record Planted(String kind, String text, String secret) {}

  /**
   * The context forms: values after secret-like words in every syntax, headers, flags, environment
   * dumps, structure (JSON, query parameters, connection strings, private-key blocks) and a value
   * that stands in clear later in the same text once it was redacted where its context showed.
   */
  static final List<Planted> CONTEXT_FORMS =
      List.of(
          new Planted(
              "pass-equals", "login pass=Kx9LeakAuditPass01 user=bob", "Kx9LeakAuditPass01"),
          new Planted("passwd", "passwd=LeakAuditPasswd02", "LeakAuditPasswd02"),
          new Planted("pwd-colon", "pwd: LeakAuditPwd03", "LeakAuditPwd03"),
          new Planted("secret-colon", "secret: LeakAuditColon04", "LeakAuditColon04"),
          new Planted(
              "json-field",
              "{\"user\": \"x\", \"api_key\": \"LeakAuditJson05\"}",
              "LeakAuditJson05"),
          new Planted("json-camel", "{\"clientSecret\":\"LeakAuditCamel06\"}", "LeakAuditCamel06"),
          new Planted(
              "json-escaped",
              "body={\\\"password\\\":\\\"LeakAuditEscaped07\\\"}",
              "LeakAuditEscaped07"),
          new Planted(
              "quoted-after-word",
              "ValueError: bad password 'LeakAuditQuoted08'",
              "LeakAuditQuoted08"),
          new Planted(
              "provided-phrase",
              "Invalid API Key provided: LeakAuditProvided09",
              "LeakAuditProvided09"),
          new Planted("private-key-word", "private_key=LeakAuditPrivKey10", "LeakAuditPrivKey10"),
          new Planted(
              "client-secret", "client secret: LeakAuditClientSec11", "LeakAuditClientSec11"),
          new Planted("credential", "credential=LeakAuditCred12", "LeakAuditCred12"),
          new Planted("auth", "auth=LeakAuditAuth13", "LeakAuditAuth13"),
          new Planted("session", "session=LeakAuditSession14", "LeakAuditSession14"),
          new Planted("access-key", "access key: LeakAuditAccessKey15", "LeakAuditAccessKey15"),
          new Planted("apikey", "apikey=LeakAuditApikey16", "LeakAuditApikey16"),
          new Planted("flag-p", "mysql -uroot -pLeakAuditDashP17 app", "LeakAuditDashP17"),
          new Planted("flag-password", "exec: psql --password Lk18FlagPw -h db", "Lk18FlagPw"),
          new Planted(
              "flag-token", "exec: deploy --token=LeakAuditFlagTok19", "LeakAuditFlagTok19"),
          new Planted("flag-access-token", "gh api --access-token Lk20Access", "Lk20Access"),
          new Planted("authorization", "Authorization: token Lk21Authz", "Lk21Authz"),
          new Planted("cookie", "Cookie: sid=LeakAuditCookie22; theme=dark", "LeakAuditCookie22"),
          new Planted(
              "set-cookie",
              "Set-Cookie: session=LeakAuditSetCookie23; Path=/",
              "LeakAuditSetCookie23"),
          new Planted("x-api-key", "X-API-Key: LeakAuditXApiKey24", "LeakAuditXApiKey24"),
          new Planted("token-header", "X-Auth-Token: LeakAuditXAuthTok25", "LeakAuditXAuthTok25"),
          new Planted("env-secret", "APP_SECRET=LeakAuditEnvSecret26", "LeakAuditEnvSecret26"),
          new Planted("env-token", "CI_TOKEN=LeakAuditEnvTok27", "LeakAuditEnvTok27"),
          new Planted("env-key", "PAYMENTS_KEY=LeakAuditEnvKey28", "LeakAuditEnvKey28"),
          new Planted("env-password", "DB_PASSWORD=LeakAuditEnvPw29", "LeakAuditEnvPw29"),
          new Planted(
              "query-parameter",
              "GET /cb?code=1&token=LeakAuditQuery30&next=/",
              "LeakAuditQuery30"),
          new Planted(
              "connection-string",
              "Server=db;User Id=sa;Password=LeakAuditConnPw31;",
              "LeakAuditConnPw31"),
          new Planted(
              "url-empty-user", "redis://:LeakAuditRedisPw32@cache:6379", "LeakAuditRedisPw32"),
          new Planted("url-user", "amqp://app:LeakAuditAmqpPw33@mq/vhost", "LeakAuditAmqpPw33"),
          new Planted(
              "private-key-escaped",
              "{\"private_key\": \"-----BEGIN EC PRIVATE KEY-----\\nMHcLeakAuditEcKey34\\n-----END EC"
                  + " PRIVATE KEY-----\\n\"}",
              "MHcLeakAuditEcKey34"),
          new Planted(
              "pgp-private-key",
              "-----BEGIN PGP PRIVATE KEY BLOCK-----\nlQLeakAuditPgp35\n-----END PGP PRIVATE KEY"
                  + " BLOCK-----",
              "lQLeakAuditPgp35"),
          new Planted(
              "once-secret",
              "connect(password='LeakAuditOnce36')\nValueError: login rejected for LeakAuditOnce36",
              "LeakAuditOnce36"),
          new Planted(
              "entropy-backstop",
              "refreshing session token Zk3q9LmX2pR7vT4wYb8N36 for tenant",
              "Zk3q9LmX2pR7vT4wYb8N36"),
          new Planted(
              "hex-after-word",
              "Unable to create record: Authenticate (AccountSid AC0f, AuthToken"
                  + " 0a1b2c3d4e5f60718293a4b5c6d7e8f9)",
              "0a1b2c3d4e5f60718293a4b5c6d7e8f9"),
          new Planted(
              "telegram-bot-url",
              "notifier failed: POST https://api.telegram.org/bot7012345678:LeakAuditTelegramBotToken0037xyz/sendMessage",
              "LeakAuditTelegramBotToken0037xyz"),
          new Planted(
              "ruby-hash",
              "Parameters: {\"user\"=>{\"api_token\"=>\"LeakAuditRuby38\"}}",
              "LeakAuditRuby38"),
          new Planted(
              "php-print-r",
              "Array ( [user] => bob [password] => LeakAuditPhp39 )",
              "LeakAuditPhp39"),
          new Planted(
              "xml-element",
              "<soap:Fault><detail><password>LeakAuditXml40</password></detail></soap:Fault>",
              "LeakAuditXml40"),
          new Planted(
              "sql-identified-by",
              "CREATE USER 'app'@'%' IDENTIFIED BY 'LeakAuditSql41' failed",
              "LeakAuditSql41"),
          new Planted(
              "cli-user",
              "+ curl -u deploy:LeakAuditCurl42 https://repo.example/up",
              "LeakAuditCurl42"),
          new Planted(
              "pw-suffix",
              "ldap_bind: Invalid credentials (49) bindpw=LeakAuditBindPw43",
              "LeakAuditBindPw43"),
          new Planted("netrc", "machine api.example.com login bob password Lk44netrc", "Lk44netrc"),
          new Planted(
              "jdbc-oracle",
              "url=jdbc:oracle:thin:scott/LeakAuditOra45@db:1521/ORCL",
              "LeakAuditOra45"),
          new Planted(
              "byte-list",
              "Secret data: map[password:[76 101 97 107 52 54 120] username:[97]]",
              "76 101 97 107 52 54 120"),
          new Planted(
              "app-key", "datadog: Forbidden (403) app_key=LeakAuditAppKey47", "LeakAuditAppKey47"),
          new Planted(
              "redis-cli",
              "+ redis-cli -h cache -a LeakAuditRedisCli48 ping",
              "LeakAuditRedisCli48"),
          new Planted(
              "htpasswd", "+ htpasswd -b /etc/.htpasswd admin LeakAuditHtpw49", "LeakAuditHtpw49"),
          new Planted(
              "password-stdin",
              "+ echo LeakAuditStdin50 | docker login -u ci --password-stdin",
              "LeakAuditStdin50"),
          new Planted("short-flag-after-tab", "+ mysql -h db\t-pLk53TabPw app", "Lk53TabPw"),
          new Planted(
              "cli-user-after-tab",
              "+ curl\t-u deploy:Lk54TabCurl https://repo.example/up",
              "Lk54TabCurl"),
          new Planted(
              "pw-suffix-escaped-json",
              "request body={\\\"db_pw\\\":\\\"Lk55 EscPw\\\"}",
              "Lk55 EscPw"),
          new Planted(
              "byte-list-after-tab",
              "Secret data: map[token:\t[76 107 53 54 98 108]]",
              "76 107 53 54 98 108"),
          new Planted(
              "digest-response",
              "Authorization: Digest username=\"bob\", realm=\"api\", nonce=\"dcd98b71\","
                  + " uri=\"/x\", response=\"0a4f113eab4f9e5a8c0c4d1e2b3a49560a4f113e\"",
              "0a4f113eab4f9e5a8c0c4d1e2b3a49560a4f113e"),
          new Planted(
              "signature-header",
              "webhook rejected: Stripe-Signature: t=1492774577,v1=Lk57SigLeakAuditValue",
              "Lk57SigLeakAuditValue"),
          new Planted(
              "credential-pair", "requests.get(url, auth=('bob', 'Lk58Pair')) failed", "Lk58Pair"),
          new Planted(
              "password-in-prose", "created user bob with password Lk59Prose!", "Lk59Prose!"),
          new Planted("short-flag-quoted", "+ sshpass -p'Lk60Quoted' ssh host", "Lk60Quoted"),
          new Planted(
              "prefixed-token-after-word",
              "vault: permission denied for token s.Lk61Vt4Rq8Zp2Xw7Yb5Nm3K",
              "Lk61Vt4Rq8Zp2Xw7Yb5Nm3K"),
          new Planted(
              "sql-password-function",
              "SET PASSWORD FOR 'u'@'%' = PASSWORD('Lk62SqlFn')",
              "Lk62SqlFn"),
          new Planted(
              "connect-password-argument",
              "PHP Warning: mysqli_connect('db', 'app', 'Lk63Connect') failed",
              "Lk63Connect"),
          new Planted(
              "redis-monitor-auth",
              "1701872335.421 [0 10.0.0.5:51234] \"AUTH\" \"Lk64RedisAuth\"",
              "Lk64RedisAuth"),
          new Planted(
              "value-in-parentheses", "retry with password=(Lk65Paren) failed", "Lk65Paren"));

  /** The redact rules' classes, planted in the context their rules recognise. */
  static List<Planted> ruleClasses() {
    return SECRETS.entrySet().stream()
        .map(e -> new Planted(e.getKey(), inContext(e.getKey(), e.getValue()), e.getValue()))
        .toList();
  }

  /** Every example of every detector of the shipped secrets catalog. */
  static List<Planted> catalogExamples() {
    List<Planted> planted = new ArrayList<>();
    for (SecretCatalog.Detector detector : SecretCatalog.loadDefault().detectors()) {
      for (int i = 0; i < detector.examples().size(); i++) {
        planted.add(
            new Planted(detector.id(), detector.examples().get(i), detector.secrets().get(i)));
      }
    }
    return planted;
  }

  @Rule public final transient TestPipeline p = TestPipeline.create();
  @Rule public final transient TemporaryFolder temp = new TemporaryFolder();

  /** The secret as it appears in text, with the context its class's rule recognises. */
  static String inContext(String kind, String secret) {
    return switch (kind) {
      case "bearer" -> "Authorization: Bearer " + secret;
      case "basic" -> "Authorization: Basic " + secret;
      case "slack-webhook" -> "https://hooks.slack.com/services/" + secret;
      case "private-key" ->
          "-----BEGIN RSA PRIVATE KEY-----\n" + secret + "\n-----END RSA PRIVATE KEY-----";
      case "password" -> "password=" + secret;
      case "secret" -> "client_secret: " + secret;
      case "token" -> "{\"refresh_token\": \"" + secret + "\"}";
      case "api-key" -> "api_key=" + secret;
      case "url-credentials" -> "postgres://app:" + secret + "@db.internal:5432/app";
      default -> secret;
    };
  }

  /**
   * Five entries per secret: in the message, a label, the request URL, a stack trace, and a label
   * named like a secret whose value the message repeats without context; then a payload that cannot
   * be parsed.
   */
  static List<RawMessage> plantedMessages(List<Planted> planted) {
    List<RawMessage> messages = new ArrayList<>();
    int n = 0;
    for (Planted secret : planted) {
      String text = secret.text();
      for (String place : PLACES) {
        JsonObject entry = new JsonObject();
        entry.addProperty("timestamp", T0.plusSeconds(n).toString());
        entry.addProperty("insertId", "leak-" + n);
        entry.addProperty("logName", "projects/leak-audit/logs/run.googleapis.com%2Fstderr");
        entry.addProperty("severity", "ERROR");
        JsonObject resource = new JsonObject();
        resource.addProperty("type", "cloud_run_revision");
        JsonObject resourceLabels = new JsonObject();
        resourceLabels.addProperty("service_name", "leak-audit");
        resourceLabels.addProperty("revision_name", "leak-audit-00001-abc");
        resource.add("labels", resourceLabels);
        entry.add("resource", resource);
        switch (place) {
          case "message" -> entry.addProperty("textPayload", "login failed: " + text);
          case "label" -> {
            JsonObject labels = new JsonObject();
            labels.addProperty("credential", text);
            labels.addProperty("user", secret.kind().equals("email") ? secret.secret() : "x");
            entry.add("labels", labels);
            entry.addProperty("textPayload", "request carried a credential label");
          }
          case "url" -> {
            JsonObject request = new JsonObject();
            request.addProperty("requestMethod", "GET");
            request.addProperty("requestUrl", url(secret.kind(), secret.secret()));
            request.addProperty("status", 500);
            entry.add("httpRequest", request);
          }
          case "echo" -> {
            JsonObject labels = new JsonObject();
            labels.addProperty("api_token", secret.secret());
            entry.add("labels", labels);
            entry.addProperty("textPayload", "upstream refused " + secret.secret() + " again");
          }
          default ->
              entry.addProperty(
                  "textPayload",
                  "java.lang.IllegalStateException: upstream refused "
                      + text
                      + "\n\tat com.example.Auth.login(Auth.java:42)"
                      + "\n\tat com.example.Api.handle(Api.java:7)");
        }
        messages.add(
            new RawMessage(
                entry.toString().getBytes(StandardCharsets.UTF_8), Map.of(), "leak-m-" + n));
        n++;
      }
      JsonObject broken = new JsonObject();
      broken.addProperty("timestamp", text);
      broken.addProperty("textPayload", text);
      messages.add(
          new RawMessage(
              broken.toString().getBytes(StandardCharsets.UTF_8), Map.of(), "leak-bad-" + n++));
    }
    return messages;
  }

  private static final List<String> PLACES = List.of("message", "label", "url", "stack", "echo");

  private static String url(String kind, String secret) {
    return switch (kind) {
      case "url-credentials" -> "https://app:" + secret + "@api.example.com/v1/items";
      case "slack-webhook" -> "https://hooks.slack.com/services/" + secret;
      case "private-key", "bearer", "basic" ->
          "https://api.example.com/v1/items?token=" + secret.replace("=", "%3D");
      default ->
          "https://api.example.com/v1/items?api_key=" + secret.replace(" ", "%20") + "&next=/x";
    };
  }

  @Test
  public void noPlantedSecretReachesTheStoreTheWorklogOrOurLogs() throws Exception {
    assertNothingLeaks(ruleClasses());
  }

  @Test
  public void noCatalogOrContextSecretReachesTheStoreTheWorklogOrOurLogs() throws Exception {
    List<Planted> planted = new ArrayList<>(catalogExamples());
    planted.addAll(CONTEXT_FORMS);
    assertNothingLeaks(planted);
  }

  private void assertNothingLeaks(List<Planted> planted) throws Exception {
    Path file = temp.getRoot().toPath().resolve("leak.duckdb");
    List<RawMessage> messages = plantedMessages(planted);
    LogStreamPipeline.build(
        p,
        Create.of(messages).withCoder(RawMessageCoder.of()),
        RuleSet.loadDefault(),
        AggregationSettings.defaults(),
        new LogStreamPipeline.Outputs(
            WriteAggregates.toDuckDb(file, CLOCK), WriteDeadLetters.toDuckDb(file, CLOCK)),
        CLOCK);
    ByteArrayOutputStream logs = new ByteArrayOutputStream();
    PrintStream stderr = System.err;
    StringBuilder stored = new StringBuilder();
    String markdown;
    String json;
    System.setErr(new PrintStream(new Tee(stderr, logs), true, StandardCharsets.UTF_8));
    try {
      LoggerFactory.getLogger(LeakAuditTest.class).warn("leak audit: log capture is on");
      assertThat(p.run().waitUntilFinish()).isEqualTo(PipelineResult.State.DONE);
      try (DuckDbStore store = DuckDbStore.open(file);
          Statement sql = store.connection().createStatement()) {
        assertThat(
                HostileInputPipelineTest.single(sql, "SELECT SUM(entry_count) FROM issue_windows"))
            .isEqualTo(planted.size() * (long) PLACES.size());
        assertThat(HostileInputPipelineTest.single(sql, "SELECT COUNT(*) FROM dead_letters"))
            .isEqualTo(planted.size());
        appendRows(sql, "SELECT t::VARCHAR FROM issue_windows t", stored);
        appendRows(sql, "SELECT t::VARCHAR FROM " + DuckDbStore.CATALOG_VIEW + " t", stored);
      }
      try (DuckDbIssueWindowSource source = DuckDbIssueWindowSource.open(file)) {
        Worklog worklog =
            WorklogJob.build(
                source,
                Period.hoursEnding(T0.plusSeconds(3600), 24),
                WorklogSettings.defaults(WorklogRules.loadDefault()),
                CLOCK.instant());
        markdown = WorklogJob.render(worklog, WorklogJob.Format.MD);
        json = WorklogJob.render(worklog, WorklogJob.Format.JSON);
      }
      Path local = temp.getRoot().toPath().resolve("worklog.md");
      WorklogCommand.writeLocal(file, local, CLOCK);
      markdown += Files.readString(local);
    } finally {
      System.setErr(stderr);
    }

    assertThat(stored).contains("leak-audit").contains("<SECRET>");
    assertThat(markdown).contains("leak-audit");
    assertThat(json).contains("leak-audit");
    String ourLogs = logs.toString(StandardCharsets.UTF_8);
    assertThat(ourLogs).contains("leak audit: log capture is on");
    for (Planted secret : planted) {
      for (String fragment : fragments(secret.secret())) {
        assertThat(stored)
            .as("issue_windows and the catalog: %s", secret.kind())
            .doesNotContain(fragment);
        assertThat(markdown).as("worklog Markdown: %s", secret.kind()).doesNotContain(fragment);
        assertThat(json).as("worklog JSON: %s", secret.kind()).doesNotContain(fragment);
        assertThat(ourLogs).as("our log output: %s", secret.kind()).doesNotContain(fragment);
      }
    }
  }

  /** The secret and its URL-encoded form, as either may be stored. */
  static List<String> fragments(String secret) {
    return List.of(secret, secret.replace("=", "%3D").replace(" ", "%20"));
  }

  private static void appendRows(Statement sql, String query, StringBuilder into) throws Exception {
    try (ResultSet rows = sql.executeQuery(query)) {
      while (rows.next()) {
        into.append(rows.getString(1)).append('\n');
      }
    }
  }

  /** Copies everything written to the real stream into a buffer too. */
  private static final class Tee extends OutputStream {
    private final OutputStream first;
    private final OutputStream second;

    Tee(OutputStream first, OutputStream second) {
      this.first = first;
      this.second = second;
    }

    @Override
    public synchronized void write(int b) throws java.io.IOException {
      first.write(b);
      second.write(b);
    }

    @Override
    public synchronized void write(byte[] b, int off, int len) throws java.io.IOException {
      first.write(b, off, len);
      second.write(b, off, len);
    }
  }
}
