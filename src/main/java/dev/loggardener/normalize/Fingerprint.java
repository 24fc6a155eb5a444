package dev.loggardener.normalize;

import java.io.Serializable;
import java.util.Objects;

/**
 * The identity of one kind of message, and what it was computed from.
 *
 * @param id 64 lower-case hex digits: SHA-256 of the canonical form described in {@link
 *     Fingerprinter}
 * @param template the normalized template (or stack signature) the id was computed from
 * @param redactedMessage the message with secrets removed; the only form of it that may be stored
 * @param ruleSetVersion the version of the rules that produced the template
 */
public record Fingerprint(String id, String template, String redactedMessage, String ruleSetVersion)
    implements Serializable {
  /**
   * Id strings already found valid, each in the slot of its hash: the fingerprinter hands out the
   * same id string for every message of a known template, and finding that very string here spares
   * reading its 64 characters again. Strings are immutable, so an id identical to a checked one is
   * valid; a slot may be overwritten or read stale by another thread, which only costs a check.
   */
  private static final String[] CHECKED_IDS = new String[1024];

  public Fingerprint {
    Objects.requireNonNull(id, "id");
    if (!isCheckedId(id)) {
      throw new IllegalArgumentException("fingerprint id must be 64 lower-case hex digits: " + id);
    }
    Objects.requireNonNull(template, "template");
    Objects.requireNonNull(redactedMessage, "redactedMessage");
    Objects.requireNonNull(ruleSetVersion, "ruleSetVersion");
  }

  private static boolean isCheckedId(String id) {
    int slot = id.hashCode() & (CHECKED_IDS.length - 1);
    if (CHECKED_IDS[slot] == id) {
      return true;
    }
    if (!isLowerHex64(id)) {
      return false;
    }
    CHECKED_IDS[slot] = id;
    return true;
  }

  private static boolean isLowerHex64(String id) {
    if (id.length() != 64) {
      return false;
    }
    // Branch-free per character, since every id is checked: a term is negative exactly when its
    // character lies outside 0-9 (first factor) and outside a-f (second).
    int outside = 0;
    for (int i = 0; i < 64; i++) {
      char c = id.charAt(i);
      int digit = c - '0';
      int letter = c - 'a';
      outside |= ((9 - digit) | digit) & ((5 - letter) | letter);
    }
    return outside >= 0;
  }
}
