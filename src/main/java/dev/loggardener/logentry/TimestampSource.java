package dev.loggardener.logentry;

/** Which field supplied an entry's event time. */
public enum TimestampSource {
  /** The entry's own {@code timestamp}. */
  ENTRY,
  /** The entry's {@code receiveTimestamp}, because {@code timestamp} was absent. */
  RECEIVE_TIMESTAMP,
  /** The Pub/Sub attribute {@code logging.googleapis.com/timestamp}. */
  PUBSUB_ATTRIBUTE
}
