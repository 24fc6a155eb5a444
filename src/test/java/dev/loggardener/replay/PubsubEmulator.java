package dev.loggardener.replay;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.net.ConnectException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The real Pub/Sub emulator from the Cloud SDK, started on a free port for one test class and
 * stopped by {@link #close()}; talks to it over its REST API.
 */
public final class PubsubEmulator implements AutoCloseable {
  private static final Duration STARTUP = Duration.ofSeconds(120);

  /** One pulled message. */
  public record Received(byte[] data, Map<String, String> attributes) {}

  private final Process process;
  private final Path log;
  private final String rootUrl;
  private final HttpClient http = HttpClient.newHttpClient();

  private PubsubEmulator(Process process, Path log, String rootUrl) {
    this.process = process;
    this.log = log;
    this.rootUrl = rootUrl;
  }

  /** Starts the emulator and waits until it answers. */
  public static PubsubEmulator start() throws IOException, InterruptedException {
    Path jar = emulatorJar();
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    Path log = Files.createTempFile("pubsub-emulator", ".log");
    Process process =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar",
                jar.toString(),
                "--host=127.0.0.1",
                "--port=" + port)
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .start();
    PubsubEmulator emulator = new PubsubEmulator(process, log, "http://127.0.0.1:" + port);
    emulator.awaitReady();
    return emulator;
  }

  /** The REST root to pass as {@code --pubsub-root-url}. */
  public String rootUrl() {
    return rootUrl;
  }

  /** Creates a topic, {@code projects/P/topics/T}. */
  public void createTopic(String topic) throws IOException, InterruptedException {
    call("PUT", topic, "{}");
  }

  /** Creates a pull subscription on a topic. */
  public void createSubscription(String subscription, String topic)
      throws IOException, InterruptedException {
    call("PUT", subscription, "{\"topic\":\"" + topic + "\",\"ackDeadlineSeconds\":60}");
  }

  /** Pulls and acknowledges until {@code expected} messages arrived or {@code timeout} passed. */
  public List<Received> pull(String subscription, int expected, Duration timeout)
      throws IOException, InterruptedException {
    List<Received> received = new ArrayList<>();
    long deadline = System.nanoTime() + timeout.toNanos();
    while (received.size() < expected && System.nanoTime() < deadline) {
      JsonObject response =
          call("POST", subscription + ":pull", "{\"maxMessages\":1000,\"returnImmediately\":true}");
      JsonArray messages =
          response.has("receivedMessages")
              ? response.getAsJsonArray("receivedMessages")
              : new JsonArray();
      if (messages.isEmpty()) {
        Thread.sleep(200);
        continue;
      }
      JsonArray ackIds = new JsonArray();
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
        ackIds.add(element.getAsJsonObject().get("ackId"));
      }
      JsonObject ack = new JsonObject();
      ack.add("ackIds", ackIds);
      call("POST", subscription + ":acknowledge", ack.toString());
    }
    return received;
  }

  @Override
  public void close() throws InterruptedException {
    process.descendants().forEach(ProcessHandle::destroy);
    process.destroy();
    if (!process.waitFor(10, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      process.waitFor(10, TimeUnit.SECONDS);
    }
  }

  private JsonObject call(String method, String path, String body)
      throws IOException, InterruptedException {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(rootUrl + "/v1/" + path))
            .header("Content-Type", "application/json")
            .method(method, HttpRequest.BodyPublishers.ofString(body))
            .build();
    HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() != 200) {
      throw new IOException(
          method + " " + path + " -> HTTP " + response.statusCode() + ": " + response.body());
    }
    return JsonParser.parseString(response.body()).getAsJsonObject();
  }

  private void awaitReady() throws IOException, InterruptedException {
    long deadline = System.nanoTime() + STARTUP.toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException("the Pub/Sub emulator exited at startup:\n" + logTail());
      }
      try {
        http.send(
            HttpRequest.newBuilder(URI.create(rootUrl + "/")).build(),
            HttpResponse.BodyHandlers.discarding());
        return;
      } catch (ConnectException e) {
        Thread.sleep(250);
      }
    }
    close();
    throw new IllegalStateException(
        "the Pub/Sub emulator did not answer within " + STARTUP + ":\n" + logTail());
  }

  private String logTail() throws IOException {
    List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
    return String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
  }

  private static Path emulatorJar() throws IOException, InterruptedException {
    List<Path> roots = new ArrayList<>();
    sdkRootFromGcloud().ifPresent(roots::add);
    roots.add(Path.of("/usr/lib/google-cloud-sdk"));
    for (Path root : roots) {
      Path lib = root.resolve("platform/pubsub-emulator/lib");
      if (Files.isDirectory(lib)) {
        try (Stream<Path> files = Files.list(lib)) {
          var jar =
              files
                  .filter(
                      p -> p.getFileName().toString().matches("cloud-pubsub-emulator-.*-all\\.jar"))
                  .sorted()
                  .reduce((first, second) -> second);
          if (jar.isPresent()) {
            return jar.get();
          }
        }
      }
    }
    throw new IllegalStateException(
        "no Pub/Sub emulator under "
            + roots
            + "; install it with 'gcloud components install pubsub-emulator' (or the"
            + " google-cloud-cli-pubsub-emulator package)");
  }

  private static java.util.Optional<Path> sdkRootFromGcloud() throws InterruptedException {
    try {
      Process gcloud =
          new ProcessBuilder("gcloud", "info", "--format=value(installation.sdk_root)")
              .redirectErrorStream(false)
              .start();
      String out = new String(gcloud.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!gcloud.waitFor(60, TimeUnit.SECONDS) || gcloud.exitValue() != 0 || out.isBlank()) {
        gcloud.destroyForcibly();
        return java.util.Optional.empty();
      }
      return java.util.Optional.of(Path.of(out.trim()));
    } catch (IOException e) {
      return java.util.Optional.empty();
    }
  }
}
