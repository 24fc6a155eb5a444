package dev.loggardener.replay;

import java.io.IOException;
import java.util.List;

/** Publishes batches of messages to one topic. */
@FunctionalInterface
public interface Publisher {
  /**
   * Publishes the batch; returns only once every message is accepted.
   *
   * @throws IOException when the service refuses the batch or cannot be reached
   */
  void publish(List<PubsubMessage> batch) throws IOException, InterruptedException;
}
