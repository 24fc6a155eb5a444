package dev.loggardener.jobs;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.beam.sdk.options.PipelineOptionsFactory;

/**
 * A real Pub/Sub emulator from the local Cloud SDK, started on a free port and stopped by its own
 * process handle; topics, subscriptions and publishing go over its REST API.
 */
public final class PubsubEmulator implements AutoCloseable {
  private static final Path FALLBACK_SDK = Path.of("/usr/lib/google-cloud-sdk");
  private static final Duration STARTUP = Duration.ofSeconds(40);

  private final Process process;
  private final int port;
  private final Path log;
  private final HttpClient http = HttpClient.newHttpClient();

  private PubsubEmulator(Process process, int port, Path log) {
    this.process = process;
    this.port = port;
    this.log = log;
  }

  /** Starts the emulator and waits until it answers. */
  public static PubsubEmulator start() throws IOException, InterruptedException {
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    return start(port);
  }

  /**
   * Starts an emulator on {@code port}, e.g. again after {@link #close()}; it starts empty, as the
   * emulator keeps no state on disk.
   */
  public static PubsubEmulator start(int port) throws IOException, InterruptedException {
    Path jar = emulatorJar(sdkRoot());
    Path log = Files.createTempFile("pubsub-emulator", ".log");
    Process process =
        new ProcessBuilder("java", "-jar", jar.toString(), "--host=127.0.0.1", "--port=" + port)
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .start();
    PubsubEmulator emulator = new PubsubEmulator(process, port, log);
    emulator.awaitReady();
    return emulator;
  }

  /** The port it listens on. */
  public int port() {
    return port;
  }

  /** The root URL for {@code --pubsubRootUrl}. */
  public String rootUrl() {
    return "http://127.0.0.1:" + port;
  }

  /**
   * Options that run the streaming pipeline on the DirectRunner against this emulator's
   * subscription, without blocking, into a DuckDB file.
   */
  public StreamOptions streamingOptions(String project, String subscription, Path duckDbFile) {
    return PipelineOptionsFactory.fromArgs(
            "--runner=DirectRunner",
            "--blockOnRun=false",
            "--enforceImmutability=false",
            "--credentialFactoryClass="
                + "org.apache.beam.sdk.extensions.gcp.auth.NoopCredentialFactory",
            "--project=" + project,
            "--pubsubRootUrl=" + rootUrl(),
            "--inputSubscription=projects/" + project + "/subscriptions/" + subscription,
            "--duckDbFile=" + duckDbFile,
            "--earlyFiringSeconds=1",
            "--dedupeShards=2",
            "--hotKeyFanout=1")
        .as(StreamOptions.class);
  }

  /** Creates a topic. */
  public void createTopic(String project, String topic) throws IOException, InterruptedException {
    send("PUT", "/v1/projects/" + project + "/topics/" + topic, "{}");
  }

  /** Creates a pull subscription on a topic, with a 10 s ack deadline. */
  public void createSubscription(String project, String subscription, String topic)
      throws IOException, InterruptedException {
    createSubscription(project, subscription, topic, 10);
  }

  /** Creates a pull subscription on a topic with the given ack deadline. */
  public void createSubscription(
      String project, String subscription, String topic, int ackDeadlineSeconds)
      throws IOException, InterruptedException {
    send(
        "PUT",
        "/v1/projects/" + project + "/subscriptions/" + subscription,
        "{\"topic\":\"projects/"
            + project
            + "/topics/"
            + topic
            + "\",\"ackDeadlineSeconds\":"
            + ackDeadlineSeconds
            + "}");
  }

  /** Publishes each payload as one message with the given attributes. */
  public void publish(
      String project, String topic, List<byte[]> payloads, Map<String, String> attributes)
      throws IOException, InterruptedException {
    String attributeJson =
        attributes.entrySet().stream()
            .map(e -> "\"" + e.getKey() + "\":\"" + e.getValue() + "\"")
            .collect(Collectors.joining(",", "{", "}"));
    String messages =
        payloads.stream()
            .map(
                p ->
                    "{\"data\":\""
                        + Base64.getEncoder().encodeToString(p)
                        + "\",\"attributes\":"
                        + attributeJson
                        + "}")
            .collect(Collectors.joining(",", "[", "]"));
    send(
        "POST",
        "/v1/projects/" + project + "/topics/" + topic + ":publish",
        "{\"messages\":" + messages + "}");
  }

  /**
   * Pulls up to {@code max} messages from a subscription and never acknowledges them, as a stuck
   * rival subscriber would: each comes back after the ack deadline. Returns how many it leased.
   */
  public int pullWithoutAck(String project, String subscription, int max)
      throws IOException, InterruptedException {
    int leased = 0;
    long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(5);
    while (leased < max && System.nanoTime() < deadline) {
      String body =
          send(
              "POST",
              "/v1/projects/" + project + "/subscriptions/" + subscription + ":pull",
              "{\"maxMessages\":" + (max - leased) + ",\"returnImmediately\":true}");
      leased += body.split("\"ackId\"", -1).length - 1;
    }
    return leased;
  }

  /** Stops the emulator process this harness started. */
  @Override
  public void close() throws InterruptedException {
    process.descendants().forEach(ProcessHandle::destroy);
    process.destroy();
    if (!process.waitFor(10, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      process.waitFor(10, TimeUnit.SECONDS);
    }
  }

  /** One pulled message. */
  public record Received(byte[] data, Map<String, String> attributes) {}

  /** Pulls and acknowledges until {@code expected} messages arrived or {@code timeout} passed. */
  public List<Received> pull(String project, String subscription, int expected, Duration timeout)
      throws IOException, InterruptedException {
    String path = "/v1/projects/" + project + "/subscriptions/" + subscription;
    List<Received> received = new ArrayList<>();
    Instant deadline = Instant.now().plus(timeout);
    while (received.size() < expected && Instant.now().isBefore(deadline)) {
      JsonArray messages = pullOnce(path);
      if (messages.isEmpty()) {
        Thread.sleep(200);
        continue;
      }
      received.addAll(decode(messages));
      settle(path, ":acknowledge", ackIds(messages), "");
    }
    return received;
  }

  /**
   * Every message the subscription offers right now, each handed straight back (ack deadline 0) so
   * that the next subscriber receives it at once: what is outstanding, acknowledging nothing.
   * Messages another subscriber holds under an unexpired lease are not offered, so call this after
   * their ack deadline.
   */
  public List<Received> peekOutstanding(String project, String subscription)
      throws IOException, InterruptedException {
    String path = "/v1/projects/" + project + "/subscriptions/" + subscription;
    List<Received> outstanding = new ArrayList<>();
    JsonArray leased = new JsonArray();
    for (JsonArray messages = pullOnce(path); !messages.isEmpty(); messages = pullOnce(path)) {
      outstanding.addAll(decode(messages));
      leased.addAll(ackIds(messages));
    }
    if (!leased.isEmpty()) {
      settle(path, ":modifyAckDeadline", leased, ",\"ackDeadlineSeconds\":0");
    }
    return outstanding;
  }

  private JsonArray pullOnce(String path) throws IOException, InterruptedException {
    JsonObject response =
        JsonParser.parseString(
                send("POST", path + ":pull", "{\"maxMessages\":1000,\"returnImmediately\":true}"))
            .getAsJsonObject();
    return response.has("receivedMessages")
        ? response.getAsJsonArray("receivedMessages")
        : new JsonArray();
  }

  private static List<Received> decode(JsonArray messages) {
    List<Received> received = new ArrayList<>();
    for (JsonElement element : messages) {
      JsonObject message = element.getAsJsonObject().getAsJsonObject("message");
      Map<String, String> attributes = new HashMap<>();
      if (message.has("attributes")) {
        message
            .getAsJsonObject("attributes")
            .entrySet()
            .forEach(a -> attributes.put(a.getKey(), a.getValue().getAsString()));
      }
      byte[] data =
          message.has("data")
              ? Base64.getDecoder().decode(message.get("data").getAsString())
              : new byte[0];
      received.add(new Received(data, attributes));
    }
    return received;
  }

  private static JsonArray ackIds(JsonArray messages) {
    JsonArray ackIds = new JsonArray();
    for (JsonElement element : messages) {
      ackIds.add(element.getAsJsonObject().get("ackId"));
    }
    return ackIds;
  }

  private void settle(String path, String verb, JsonArray ackIds, String extraFields)
      throws IOException, InterruptedException {
    send("POST", path + verb, "{\"ackIds\":" + ackIds + extraFields + "}");
  }

  private String send(String method, String path, String body)
      throws IOException, InterruptedException {
    HttpResponse<String> response =
        http.send(
            HttpRequest.newBuilder(URI.create(rootUrl() + path))
                .method(method, HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
                .header("Content-Type", "application/json")
                .build(),
            HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() / 100 != 2) {
      throw new IOException(
          method + " " + path + " -> " + response.statusCode() + ": " + response.body());
    }
    return response.body();
  }

  private void awaitReady() throws IOException, InterruptedException {
    Instant deadline = Instant.now().plus(STARTUP);
    while (Instant.now().isBefore(deadline)) {
      if (!process.isAlive()) {
        throw new IOException("the Pub/Sub emulator exited; its log: " + Files.readString(log));
      }
      try {
        http.send(
            HttpRequest.newBuilder(URI.create(rootUrl() + "/v1/projects/probe/topics")).build(),
            HttpResponse.BodyHandlers.discarding());
        return;
      } catch (IOException notYet) {
        Thread.sleep(200);
      }
    }
    close();
    throw new IOException("the Pub/Sub emulator did not answer within " + STARTUP);
  }

  private static Path sdkRoot() {
    try {
      Process gcloud =
          new ProcessBuilder("gcloud", "info", "--format=value(installation.sdk_root)")
              .redirectErrorStream(false)
              .start();
      String root =
          new String(gcloud.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
      if (gcloud.waitFor(30, TimeUnit.SECONDS) && gcloud.exitValue() == 0 && !root.isEmpty()) {
        return Path.of(root);
      }
    } catch (IOException | InterruptedException e) {
      if (e instanceof InterruptedException) {
        Thread.currentThread().interrupt();
      }
    }
    return FALLBACK_SDK;
  }

  private static Path emulatorJar(Path sdkRoot) throws IOException {
    Path lib = sdkRoot.resolve("platform/pubsub-emulator/lib");
    if (!Files.isDirectory(lib)) {
      throw new IOException(
          "no Pub/Sub emulator under "
              + lib
              + "; install it: gcloud components install pubsub-emulator");
    }
    try (Stream<Path> files = Files.list(lib)) {
      return files
          .filter(p -> p.getFileName().toString().matches("cloud-pubsub-emulator-.*-all\\.jar"))
          .findFirst()
          .orElseThrow(() -> new IOException("no cloud-pubsub-emulator-*-all.jar in " + lib));
    }
  }
}
