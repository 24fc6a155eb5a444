package dev.loggardener.bench;

/**
 * Copies of messages as a stream delivers them: new strings, whose hash is not yet computed and
 * which equal no string seen before by identity. The benchmarks pass over one corpus many times;
 * fingerprinting the same string objects again would find each hash already cached and each repeat
 * equal by identity, which a stream's freshly decoded messages never are.
 */
public final class FreshMessages {
  private FreshMessages() {}

  /** A new string of each message's characters. */
  public static String[] of(String[] messages) {
    String[] fresh = new String[messages.length];
    for (int i = 0; i < messages.length; i++) {
      fresh[i] = new String(messages[i].toCharArray());
    }
    return fresh;
  }
}
