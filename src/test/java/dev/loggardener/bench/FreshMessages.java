package dev.loggardener.bench;

/**
 * Copies of messages as a stream delivers them: new strings, whose hash is not yet computed and
 * which equal no string seen before by identity. The benchmarks pass over one corpus many times;
 * fingerprinting the same string objects again would find each hash already cached and each repeat
 * equal by identity, which a stream's freshly decoded messages never are. A stream decodes a
 * message just before it fingerprints it, so the benches copy a {@link #CHUNK} of messages at a
 * time, untimed, and then time its fingerprinting, rather than copying a whole pass in advance and
 * reading every copy back from memory.
 */
public final class FreshMessages {
  /** Messages copied at a time: their copies stay in the core's caches until fingerprinted. */
  public static final int CHUNK = 256;

  private FreshMessages() {}

  /** A new string of each message's characters. */
  public static String[] of(String[] messages) {
    return of(messages, 0, messages.length);
  }

  /** A new string of the characters of each of {@code messages[from, to)}. */
  public static String[] of(String[] messages, int from, int to) {
    String[] fresh = new String[to - from];
    for (int i = from; i < to; i++) {
      fresh[i - from] = new String(messages[i].toCharArray());
    }
    return fresh;
  }
}
