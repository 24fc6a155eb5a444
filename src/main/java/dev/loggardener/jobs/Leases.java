package dev.loggardener.jobs;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The leases a Pub/Sub client holds on the messages it pulled and has not yet acknowledged, and
 * which of them to extend now.
 *
 * <p>Beam's Pub/Sub reader extends a lease only when the runner calls it to read, and the
 * DirectRunner, busy with the bundles of other readers, may not call it for longer than the ack
 * deadline. A message read in time but acknowledged after its lease lapsed may already have been
 * delivered again: the copy is dropped as a duplicate if the stream reads it, but left on the
 * subscription, to be counted again by the next run, if the stream was draining. So the client
 * extends the leases itself, whatever the runner does.
 *
 * <p>A lease is due once less than a third of the deadline is left, which leaves two extension
 * rounds of a second each before it lapses for even the shortest deadline Pub/Sub allows (10 s). A
 * message held for {@link #LONGEST_HOLD_MILLIS} is let go: something holds it that will not
 * acknowledge it, and Pub/Sub delivers it again. Thread-safe: the reader pulls and acknowledges
 * while the extension rounds run on their own thread.
 */
final class Leases {
  /** Far beyond any bundle's way through the pipeline, even on a loaded machine. */
  static final long LONGEST_HOLD_MILLIS = 10 * 60 * 1000L;

  private final long deadlineMillis;

  /** Per ack id: when it was pulled and when its lease lapses, in pull order. */
  private final Map<String, Lease> held = new LinkedHashMap<>();

  private record Lease(long pulledAt, long lapsesAt) {}

  /** Leases on a subscription whose ack deadline is {@code deadlineSeconds}. */
  Leases(int deadlineSeconds) {
    this.deadlineMillis = deadlineSeconds * 1000L;
  }

  /** The subscription's ack deadline, which each extension grants again. */
  int deadlineSeconds() {
    return (int) (deadlineMillis / 1000);
  }

  /** Records messages pulled at {@code now}, each leased for the deadline. */
  synchronized void pulled(Collection<String> ackIds, long now) {
    for (String ackId : ackIds) {
      held.put(ackId, new Lease(now, now + deadlineMillis));
    }
  }

  /** Forgets messages that were acknowledged or handed back. */
  synchronized void released(Collection<String> ackIds) {
    for (String ackId : ackIds) {
      held.remove(ackId);
    }
  }

  /**
   * The messages whose leases are due for extension at {@code now}; those held for {@link
   * #LONGEST_HOLD_MILLIS} are let go instead.
   */
  synchronized List<String> due(long now) {
    List<String> due = new ArrayList<>();
    Iterator<Map.Entry<String, Lease>> leases = held.entrySet().iterator();
    while (leases.hasNext()) {
      Map.Entry<String, Lease> entry = leases.next();
      Lease lease = entry.getValue();
      if (now - lease.pulledAt() >= LONGEST_HOLD_MILLIS) {
        leases.remove();
      } else if (3 * (lease.lapsesAt() - now) < deadlineMillis) {
        due.add(entry.getKey());
      }
    }
    return due;
  }

  /** Records that the leases of {@code ackIds} were extended at {@code now}, by the deadline. */
  synchronized void extended(Collection<String> ackIds, long now) {
    for (String ackId : ackIds) {
      held.computeIfPresent(
          ackId, (id, lease) -> new Lease(lease.pulledAt(), now + deadlineMillis));
    }
  }
}
