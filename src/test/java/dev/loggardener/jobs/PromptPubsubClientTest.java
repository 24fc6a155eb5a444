package dev.loggardener.jobs;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.matching.RequestPatternBuilder;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.beam.sdk.io.gcp.pubsub.PubsubClient;
import org.apache.beam.sdk.io.gcp.pubsub.PubsubClient.IncomingMessage;
import org.apache.beam.sdk.io.gcp.pubsub.PubsubClient.SubscriptionPath;
import org.apache.beam.sdk.io.gcp.pubsub.PubsubJsonClient;
import org.apache.beam.sdk.io.gcp.pubsub.PubsubOptions;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.junit.runners.JUnit4;

@RunWith(JUnit4.class)
public class PromptPubsubClientTest {
  private static final String PROJECT = "gardener-prompt";

  /**
   * Beam's JSON client alone retries a refused connection for up to fifteen minutes; the prompt one
   * fails the pull at its deadline. The test's timeout is what shows it: far below the retries, far
   * above the deadline.
   */
  @Test(timeout = 30_000)
  public void pullFromAnUnreachableBrokerFailsAtTheDeadlineInsteadOfRetryingForMinutes()
      throws Exception {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }
    try (PubsubClient client = client("http://127.0.0.1:" + closedPort)) {
      IOException failed =
          assertThrows(
              IOException.class,
              () -> client.pull(0, subscription("pipeline"), 10, /* returnImmediately= */ true));
      assertEquals(
          "Pub/Sub did not answer a pull within " + PromptPubsubClient.DEADLINE_MILLIS + " ms",
          failed.getMessage());
      IOException ackFailed =
          assertThrows(
              IOException.class,
              () -> client.acknowledge(subscription("pipeline"), List.of("ack-1")));
      assertTrue(ackFailed.getMessage(), ackFailed.getMessage().contains("acknowledgement"));
    }
  }

  /**
   * A broker that takes longer than the deadline to answer a pull (a large answer on a slow link):
   * the first pull reports it, and the next one returns that pull's messages instead of pulling
   * again, so nothing is leased and left unread.
   */
  @Test(timeout = 30_000)
  public void aSlowPullIsAwaitedByTheNextOneInsteadOfBeingPulledAgain() throws Exception {
    WireMockServer broker = new WireMockServer(wireMockConfig().dynamicPort().jettyAcceptors(1));
    broker.start();
    String pullPath = "/v1/projects/" + PROJECT + "/subscriptions/pipeline:pull";
    try (PubsubClient client = client("http://127.0.0.1:" + broker.port())) {
      broker.stubFor(
          post(urlEqualTo(pullPath))
              .willReturn(
                  aResponse()
                      .withStatus(200)
                      .withHeader("Content-Type", "application/json")
                      .withFixedDelay((int) (PromptPubsubClient.DEADLINE_MILLIS * 3 / 2))
                      .withBody(
                          "{\"receivedMessages\":[{\"ackId\":\"ack-1\",\"message\":{\"data\":\""
                              + Base64.getEncoder()
                                  .encodeToString("late".getBytes(StandardCharsets.UTF_8))
                              + "\",\"messageId\":\"1\","
                              + "\"publishTime\":\"2026-12-06T20:00:00Z\"}}]}")));

      IOException late =
          assertThrows(IOException.class, () -> client.pull(0, subscription("pipeline"), 10, true));
      assertTrue(late.getMessage(), late.getMessage().contains("did not answer a pull"));
      List<IncomingMessage> pulled = client.pull(0, subscription("pipeline"), 10, true);

      assertEquals(1, pulled.size());
      assertEquals("late", pulled.get(0).message().getData().toStringUtf8());
      assertEquals("ack-1", pulled.get(0).ackId());
      broker.verify(1, postRequestedFor(urlEqualTo(pullPath)));
    } finally {
      broker.stop();
    }
  }

  @Test
  public void pullsAndAcknowledgesOnALiveBroker() throws Exception {
    try (PubsubEmulator emulator = PubsubEmulator.start();
        PubsubClient client = client(emulator.rootUrl())) {
      emulator.createTopic(PROJECT, "logs");
      emulator.createSubscription(PROJECT, "pipeline", "logs");
      emulator.publish(
          PROJECT,
          "logs",
          List.of(
              "first".getBytes(StandardCharsets.UTF_8), "second".getBytes(StandardCharsets.UTF_8)),
          Map.of());

      List<IncomingMessage> pulled = client.pull(0, subscription("pipeline"), 10, true);
      assertEquals(
          List.of("first", "second"),
          pulled.stream()
              .map(m -> m.message().getData().toStringUtf8())
              .sorted()
              .collect(Collectors.toList()));
      client.acknowledge(
          subscription("pipeline"),
          pulled.stream().map(IncomingMessage::ackId).collect(Collectors.toList()));
      assertEquals(0, emulator.peekOutstanding(PROJECT, "pipeline").size());
    }
  }

  /**
   * A message pulled and held past its ack deadline, as a reader the runner does not call for that
   * long holds it: the client extends its lease, so that Pub/Sub does not deliver it again, until
   * it is acknowledged. Beam's own client, reading a second subscription of the same topic, shows
   * that without the extension the message does come back.
   */
  @Test(timeout = 90_000)
  public void aPulledMessageHeldPastItsAckDeadlineIsNotDeliveredAgain() throws Exception {
    int deadlineSeconds = 10;
    try (PubsubEmulator emulator = PubsubEmulator.start();
        PubsubClient client = client(emulator.rootUrl());
        PubsubClient beams =
            PubsubJsonClient.FACTORY.newClient(null, null, options(emulator.rootUrl()))) {
      emulator.createTopic(PROJECT, "logs");
      emulator.createSubscription(PROJECT, "pipeline", "logs", deadlineSeconds);
      emulator.createSubscription(PROJECT, "unextended", "logs", deadlineSeconds);
      emulator.publish(PROJECT, "logs", List.of("held".getBytes(StandardCharsets.UTF_8)), Map.of());
      List<IncomingMessage> pulled = pullAsReadersDo(client, "pipeline");
      assertEquals(1, pullAsReadersDo(beams, "unextended").size());

      Thread.sleep(TimeUnit.SECONDS.toMillis(deadlineSeconds * 3 / 2));

      assertEquals(1, emulator.pullWithoutAck(PROJECT, "unextended", 1));
      // Waits 5 s for what another subscriber would be given.
      assertEquals(0, emulator.pullWithoutAck(PROJECT, "pipeline", 1));
      client.acknowledge(subscription("pipeline"), List.of(pulled.get(0).ackId()));
      assertEquals(0, emulator.peekOutstanding(PROJECT, "pipeline").size());
    }
  }

  /**
   * A broker that refuses lease extensions (as it does for an ack id it no longer knows): each
   * round tries again what is still due, and a message acknowledged is no longer extended. The
   * broker's deadline of 3 s (below what Pub/Sub allows) only makes the rounds come sooner.
   */
  @Test(timeout = 30_000)
  public void aRefusedExtensionIsTriedAgainUntilTheMessageIsAcknowledged() throws Exception {
    WireMockServer broker = new WireMockServer(wireMockConfig().dynamicPort());
    broker.start();
    String subscriptionPath = "/v1/projects/" + PROJECT + "/subscriptions/pipeline";
    broker.stubFor(
        get(urlEqualTo(subscriptionPath))
            .willReturn(
                okJson(
                    "{\"name\":\"projects/"
                        + PROJECT
                        + "/subscriptions/pipeline\",\"ackDeadlineSeconds\":3}")));
    broker.stubFor(
        post(urlEqualTo(subscriptionPath + ":pull"))
            .willReturn(
                okJson(
                    "{\"receivedMessages\":[{\"ackId\":\"ack-1\",\"message\":{\"data\":\"\","
                        + "\"messageId\":\"1\",\"publishTime\":\"2026-12-07T07:00:00Z\"}}]}")));
    broker.stubFor(
        post(urlEqualTo(subscriptionPath + ":modifyAckDeadline"))
            .willReturn(
                aResponse()
                    .withStatus(400)
                    .withHeader("Content-Type", "application/json")
                    .withBody(
                        "{\"error\":{\"code\":400,\"status\":\"INVALID_ARGUMENT\","
                            + "\"message\":\"You have passed an invalid ack ID.\"}}")));
    broker.stubFor(post(urlEqualTo(subscriptionPath + ":acknowledge")).willReturn(okJson("{}")));
    try (PubsubClient client = client("http://127.0.0.1:" + broker.port())) {
      pullAsReadersDo(client, "pipeline");
      RequestPatternBuilder extension =
          postRequestedFor(urlEqualTo(subscriptionPath + ":modifyAckDeadline"))
              .withRequestBody(equalToJson("{\"ackIds\":[\"ack-1\"],\"ackDeadlineSeconds\":3}"));
      while (broker.findAll(extension).size() < 2) {
        Thread.sleep(100);
      }

      client.acknowledge(subscription("pipeline"), List.of("ack-1"));
      // A round already under way may still send one.
      Thread.sleep(1_000);
      int afterAcknowledging = broker.findAll(extension).size();
      Thread.sleep(3_000);

      assertEquals(afterAcknowledging, broker.findAll(extension).size());
    } finally {
      broker.stop();
    }
  }

  /** Asks for the ack deadline, as Beam's reader does first, then pulls the one message. */
  private static List<IncomingMessage> pullAsReadersDo(PubsubClient client, String name)
      throws IOException {
    client.ackDeadlineSeconds(subscription(name));
    List<IncomingMessage> pulled = List.of();
    for (int attempt = 0; attempt < 50 && pulled.isEmpty(); attempt++) {
      pulled = client.pull(0, subscription(name), 10, true);
    }
    assertEquals(1, pulled.size());
    return pulled;
  }

  private static PubsubClient client(String rootUrl) throws IOException {
    return new PromptPubsubClient.Factory().newClient(null, null, options(rootUrl));
  }

  private static PubsubOptions options(String rootUrl) {
    return PipelineOptionsFactory.fromArgs(
            "--pubsubRootUrl=" + rootUrl,
            "--credentialFactoryClass="
                + "org.apache.beam.sdk.extensions.gcp.auth.NoopCredentialFactory")
        .as(PubsubOptions.class);
  }

  private static SubscriptionPath subscription(String name) {
    return PubsubClient.subscriptionPathFromName(PROJECT, name);
  }
}
