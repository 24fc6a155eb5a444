package dev.loggardener.aggregate;

/** Which firing of an event-time window produced a row. */
public enum PaneTiming {
  /** Before the watermark passed the end of the window. */
  EARLY,
  /** When the watermark passed the end of the window. */
  ON_TIME,
  /** After that, for data that arrived late but within the allowed lateness. */
  LATE
}
