package dev.loggardener.jobs;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.beam.sdk.io.gcp.pubsub.PubsubClient;
import org.apache.beam.sdk.io.gcp.pubsub.PubsubJsonClient;
import org.apache.beam.sdk.io.gcp.pubsub.PubsubOptions;
import org.apache.beam.sdk.schemas.Schema;

/**
 * A Pub/Sub client for the local stream whose pulls, acknowledgements and lease extensions give up
 * after {@link #DEADLINE_MILLIS} instead of retrying an unreachable broker for minutes.
 *
 * <p>Beam's JSON client retries a refused connection with exponential backoff for up to fifteen
 * minutes, sleeping up to a minute between tries, in the runner thread that reads. After a broker
 * outage of half a minute a reader slept on for another half minute, holding back both the messages
 * published after the broker returned and a drain. The local stream does not need those retries:
 * {@link DrainableSource} reports a failed read as "nothing yet" and reads again. So each of these
 * calls runs on the client's own thread and is interrupted at the deadline, which ends the
 * backoff's sleep and fails the call. What an abandoned pull leased is not lost: the broker
 * delivers it again once its acknowledgement deadline passes. An abandoned acknowledgement leaves
 * its messages to be delivered again, and deduplication drops the copies.
 *
 * <p>Everything else (administration, publishing) goes straight to the JSON client.
 */
final class PromptPubsubClient extends PubsubClient {
  /** Far above a healthy broker's answer to a pull that returns at once, far below a backoff. */
  static final long DEADLINE_MILLIS = 2_000;

  private static final long IDLE_SECONDS = 60;

  private final PubsubClient client;
  private final ThreadPoolExecutor calls =
      new ThreadPoolExecutor(
          1,
          1,
          IDLE_SECONDS,
          TimeUnit.SECONDS,
          new LinkedBlockingQueue<>(),
          task -> {
            Thread thread = new Thread(task, "pubsub-calls");
            thread.setDaemon(true);
            return thread;
          });

  private PromptPubsubClient(PubsubClient client) {
    this.client = client;
    // A reader the runner drops without closing leaves no thread behind.
    calls.allowCoreThreadTimeOut(true);
  }

  /** Makes prompt clients on top of Beam's JSON client, which reads {@code --pubsubRootUrl}. */
  static final class Factory implements PubsubClientFactory {
    private static final long serialVersionUID = 1L;

    @Override
    public PubsubClient newClient(
        String timestampAttribute, String idAttribute, PubsubOptions options) throws IOException {
      return new PromptPubsubClient(
          PubsubJsonClient.FACTORY.newClient(timestampAttribute, idAttribute, options));
    }

    @Override
    public PubsubClient newClient(
        String timestampAttribute,
        String idAttribute,
        PubsubOptions options,
        String rootUrlOverride)
        throws IOException {
      return new PromptPubsubClient(
          PubsubJsonClient.FACTORY.newClient(
              timestampAttribute, idAttribute, options, rootUrlOverride));
    }

    @Override
    public String getKind() {
      return "Prompt" + PubsubJsonClient.FACTORY.getKind();
    }
  }

  private interface Call<T> {
    T run() throws IOException;
  }

  private <T> T withinDeadline(String what, Call<T> call) throws IOException {
    Future<T> running = calls.submit(call::run);
    try {
      return running.get(DEADLINE_MILLIS, TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      running.cancel(true);
      throw new IOException(
          "Pub/Sub did not answer a " + what + " within " + DEADLINE_MILLIS + " ms", e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof IOException failed) {
        throw failed;
      }
      throw new IOException("Pub/Sub " + what + " failed", e.getCause());
    } catch (InterruptedException e) {
      running.cancel(true);
      Thread.currentThread().interrupt();
      throw new IOException("interrupted waiting for a Pub/Sub " + what, e);
    }
  }

  @Override
  public List<IncomingMessage> pull(
      long requestTimeMsSinceEpoch,
      SubscriptionPath subscription,
      int batchSize,
      boolean returnImmediately)
      throws IOException {
    return withinDeadline(
        "pull",
        () -> client.pull(requestTimeMsSinceEpoch, subscription, batchSize, returnImmediately));
  }

  @Override
  public void acknowledge(SubscriptionPath subscription, List<String> ackIds) throws IOException {
    withinDeadline(
        "acknowledgement",
        () -> {
          client.acknowledge(subscription, ackIds);
          return null;
        });
  }

  @Override
  public void modifyAckDeadline(
      SubscriptionPath subscription, List<String> ackIds, int deadlineSeconds) throws IOException {
    withinDeadline(
        "lease extension",
        () -> {
          client.modifyAckDeadline(subscription, ackIds, deadlineSeconds);
          return null;
        });
  }

  @Override
  public void close() throws IOException {
    calls.shutdownNow();
    client.close();
  }

  @Override
  public int publish(TopicPath topic, List<OutgoingMessage> outgoingMessages) throws IOException {
    return client.publish(topic, outgoingMessages);
  }

  @Override
  public void createTopic(TopicPath topic) throws IOException {
    client.createTopic(topic);
  }

  @Override
  public void createTopic(TopicPath topic, SchemaPath schema) throws IOException {
    client.createTopic(topic, schema);
  }

  @Override
  public void deleteTopic(TopicPath topic) throws IOException {
    client.deleteTopic(topic);
  }

  @Override
  public List<TopicPath> listTopics(ProjectPath project) throws IOException {
    return client.listTopics(project);
  }

  @Override
  public boolean isTopicExists(TopicPath topic) throws IOException {
    return client.isTopicExists(topic);
  }

  @Override
  public void createSubscription(TopicPath topic, SubscriptionPath subscription, int ackDeadline)
      throws IOException {
    client.createSubscription(topic, subscription, ackDeadline);
  }

  @Override
  public void deleteSubscription(SubscriptionPath subscription) throws IOException {
    client.deleteSubscription(subscription);
  }

  @Override
  public List<SubscriptionPath> listSubscriptions(ProjectPath project, TopicPath topic)
      throws IOException {
    return client.listSubscriptions(project, topic);
  }

  @Override
  public int ackDeadlineSeconds(SubscriptionPath subscription) throws IOException {
    return client.ackDeadlineSeconds(subscription);
  }

  @Override
  public boolean isEOF() {
    return client.isEOF();
  }

  @Override
  public void createSchema(
      SchemaPath schemaPath, String schemaContent, com.google.pubsub.v1.Schema.Type type)
      throws IOException {
    client.createSchema(schemaPath, schemaContent, type);
  }

  @Override
  public void deleteSchema(SchemaPath schemaPath) throws IOException {
    client.deleteSchema(schemaPath);
  }

  @Override
  public SchemaPath getSchemaPath(TopicPath topicPath) throws IOException {
    return client.getSchemaPath(topicPath);
  }

  @Override
  public Schema getSchema(SchemaPath schemaPath) throws IOException {
    return client.getSchema(schemaPath);
  }
}
