package dev.loggardener.replay;

/** The time source a replay is paced by: a monotonic clock and a way to wait. */
public interface Pacer {
  /** Monotonic nanoseconds, as {@link System#nanoTime()}. */
  long nanoTime();

  /** Waits about {@code nanos} nanoseconds. */
  void sleepNanos(long nanos) throws InterruptedException;

  /** The real clock. */
  static Pacer system() {
    return new Pacer() {
      @Override
      public long nanoTime() {
        return System.nanoTime();
      }

      @Override
      public void sleepNanos(long nanos) throws InterruptedException {
        Thread.sleep(nanos / 1_000_000L, (int) (nanos % 1_000_000L));
      }
    };
  }
}
