package dev.loggardener.jobs;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.beam.sdk.io.gcp.pubsub.PubsubClient;
import org.apache.beam.sdk.io.gcp.pubsub.PubsubJsonClient;
import org.apache.beam.sdk.io.gcp.pubsub.PubsubOptions;
import org.apache.beam.sdk.schemas.Schema;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Pub/Sub client for the local stream whose pulls, acknowledgements and lease extensions give up
 * after {@link #DEADLINE_MILLIS} instead of retrying an unreachable broker for minutes.
 *
 * <p>Beam's JSON client retries a refused connection with exponential backoff for up to fifteen
 * minutes, sleeping up to a minute between tries, in the runner thread that reads. After a broker
 * outage of half a minute a reader slept on for another half minute, holding back both the messages
 * published after the broker returned and a drain. The local stream does not need those retries:
 * {@link DrainableSource} reports a failed read as "nothing yet" and reads again. So each of these
 * calls runs on the client's own thread and is woken at the deadline, which ends the backoff's
 * sleep and fails the call; a call still receiving its answer finishes, and the next pull returns
 * what it brought. What a pull leased and the stream never read (a drain came first) is not lost:
 * the broker delivers it again once its acknowledgement deadline passes. An acknowledgement that
 * fails leaves its messages to be delivered again, and deduplication drops the copies.
 *
 * <p>It also keeps the leases of what it pulled from lapsing until they are acknowledged ({@link
 * Leases}): every second, on a thread all clients share, it extends those due, through the same
 * calls with the same deadline.
 *
 * <p>Everything else (administration, publishing) goes straight to the JSON client.
 */
final class PromptPubsubClient extends PubsubClient {
  /** Far above a healthy broker's answer to a pull that returns at once, far below a backoff. */
  static final long DEADLINE_MILLIS = 2_000;

  private static final long IDLE_SECONDS = 60;

  /** How often leases due are extended. */
  private static final long ROUND_SECONDS = 1;

  /** The most ack ids one lease extension names, which keeps its request small. */
  private static final int EXTENSION_BATCH = 1_000;

  private static final Logger LOG = LoggerFactory.getLogger(PromptPubsubClient.class);

  private static final ScheduledExecutorService LEASE_ROUNDS =
      Executors.newSingleThreadScheduledExecutor(
          task -> {
            Thread thread = new Thread(task, "pubsub-leases");
            thread.setDaemon(true);
            return thread;
          });

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

  /**
   * The leases on the subscription this client reads, once a reader has asked for its ack deadline
   * (Beam's does before its first pull); null until then, and nothing is extended.
   */
  private volatile Leases leases;

  private volatile SubscriptionPath leased;

  private ScheduledFuture<?> leaseRounds; // guarded by this

  /** Whether the last lease extension failed, so that a run of failures is logged once. */
  private boolean extensionFailing; // only the lease thread touches it

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

  private interface Work<T> {
    T run() throws IOException;
  }

  /**
   * One call running on the client's thread. At the deadline it is woken: a call sleeping in the
   * backoff fails at once, while one still receiving its answer is left to finish.
   */
  private final class Call<T> implements Callable<T> {
    private final String what;
    private final Work<T> work;
    private Future<T> result;
    private Thread runner; // guarded by this: set while the call runs

    /** When the call was started: for a pull, when the leases on what it brings began. */
    private long startedAt;

    private Call(String what, Work<T> work) {
      this.what = what;
      this.work = work;
    }

    private Call<T> start() {
      startedAt = System.currentTimeMillis();
      result = calls.submit(this);
      return this;
    }

    @Override
    public T call() throws IOException {
      synchronized (this) {
        runner = Thread.currentThread();
      }
      try {
        return work.run();
      } finally {
        synchronized (this) {
          runner = null;
          // A wake-up that came as the call ended must not reach the thread's next call.
          Thread.interrupted();
        }
      }
    }

    private synchronized void wake() {
      if (runner != null) {
        runner.interrupt();
      }
    }

    private boolean done() {
      return result.isDone();
    }

    /** The call's answer, waiting at most {@link #DEADLINE_MILLIS}. */
    private T await() throws IOException {
      try {
        return result.get(DEADLINE_MILLIS, TimeUnit.MILLISECONDS);
      } catch (TimeoutException e) {
        wake();
        throw new IOException(
            "Pub/Sub did not answer a " + what + " within " + DEADLINE_MILLIS + " ms", e);
      } catch (ExecutionException e) {
        if (e.getCause() instanceof IOException failed) {
          throw failed;
        }
        throw new IOException("Pub/Sub " + what + " failed", e.getCause());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IOException("interrupted waiting for a Pub/Sub " + what, e);
      }
    }
  }

  /**
   * A pull that has not answered yet. The next pull waits for its answer instead of pulling again:
   * a pull still receiving a large answer on a slow link would otherwise be abandoned each time,
   * its messages leased and never read.
   */
  private Call<List<IncomingMessage>> pendingPull;

  @Override
  public List<IncomingMessage> pull(
      long requestTimeMsSinceEpoch,
      SubscriptionPath subscription,
      int batchSize,
      boolean returnImmediately)
      throws IOException {
    if (pendingPull == null) {
      pendingPull =
          new Call<>(
                  "pull",
                  () ->
                      client.pull(
                          requestTimeMsSinceEpoch, subscription, batchSize, returnImmediately))
              .start();
    }
    Call<List<IncomingMessage>> pull = pendingPull;
    try {
      List<IncomingMessage> pulled = pull.await();
      pendingPull = null;
      Leases held = leases;
      if (held != null && subscription.equals(leased) && !pulled.isEmpty()) {
        held.pulled(pulled.stream().map(IncomingMessage::ackId).toList(), pull.startedAt);
      }
      return pulled;
    } catch (IOException e) {
      if (pull.done()) {
        pendingPull = null;
      }
      throw e;
    }
  }

  @Override
  public void acknowledge(SubscriptionPath subscription, List<String> ackIds) throws IOException {
    release(subscription, ackIds);
    new Call<>(
            "acknowledgement",
            () -> {
              client.acknowledge(subscription, ackIds);
              return null;
            })
        .start()
        .await();
  }

  @Override
  public void modifyAckDeadline(
      SubscriptionPath subscription, List<String> ackIds, int deadlineSeconds) throws IOException {
    if (deadlineSeconds == 0) {
      // Handed back to be delivered again at once.
      release(subscription, ackIds);
    }
    new Call<>(
            "lease extension",
            () -> {
              client.modifyAckDeadline(subscription, ackIds, deadlineSeconds);
              return null;
            })
        .start()
        .await();
  }

  /**
   * Forgets the leases of messages acknowledged or handed back: even if that call fails, the
   * messages are to be delivered again, not held.
   */
  private void release(SubscriptionPath subscription, List<String> ackIds) {
    Leases held = leases;
    if (held != null && subscription.equals(leased)) {
      held.released(ackIds);
    }
  }

  /** One round of lease extension: extends the leases that are due, in batches. */
  private void extendDueLeases() {
    Leases held = leases;
    long now = System.currentTimeMillis();
    List<String> due = held.due(now);
    for (int from = 0; from < due.size(); from += EXTENSION_BATCH) {
      List<String> batch = due.subList(from, Math.min(due.size(), from + EXTENSION_BATCH));
      try {
        new Call<>(
                "lease extension",
                () -> {
                  client.modifyAckDeadline(leased, batch, held.deadlineSeconds());
                  return null;
                })
            .start()
            .await();
        held.extended(batch, now);
        if (extensionFailing) {
          LOG.info("extending the leases of pulled messages works again");
          extensionFailing = false;
        }
      } catch (IOException e) {
        if (!extensionFailing) {
          LOG.warn(
              "extending the leases of pulled messages failed; those not acknowledged before"
                  + " their leases lapse will be delivered again and dropped as duplicates: {}",
              e.toString());
          extensionFailing = true;
        }
        return;
      }
    }
  }

  @Override
  public void close() throws IOException {
    synchronized (this) {
      if (leaseRounds != null) {
        leaseRounds.cancel(false);
      }
    }
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
    int seconds = client.ackDeadlineSeconds(subscription);
    synchronized (this) {
      if (leaseRounds == null && !calls.isShutdown()) {
        leased = subscription;
        leases = new Leases(seconds);
        leaseRounds =
            LEASE_ROUNDS.scheduleWithFixedDelay(
                this::extendDueLeases, ROUND_SECONDS, ROUND_SECONDS, TimeUnit.SECONDS);
      }
    }
    return seconds;
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
