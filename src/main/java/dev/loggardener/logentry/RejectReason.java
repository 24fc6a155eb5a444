package dev.loggardener.logentry;

/** Why the parser refused an input. The names are stable: they become dead-letter reason codes. */
public enum RejectReason {
  /** Empty input. */
  EMPTY,
  /** Input larger than the parser accepts. */
  TOO_LARGE,
  /** Bytes that are not valid UTF-8. */
  INVALID_UTF8,
  /** Text that is not JSON. */
  NOT_JSON,
  /** JSON nested deeper than the parser accepts. */
  TOO_DEEP,
  /** JSON, but not an object. */
  NOT_AN_OBJECT,
  /** A field has a type that cannot be read as what LogEntry defines. */
  WRONG_FIELD_TYPE,
  /** No usable timestamp in the entry, its receive time or the message attributes. */
  NO_TIMESTAMP,
  /** A timestamp that is not RFC 3339. */
  BAD_TIMESTAMP;

  /** The reason code as stored in dead letters, e.g. {@code no_timestamp}. */
  public String code() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
