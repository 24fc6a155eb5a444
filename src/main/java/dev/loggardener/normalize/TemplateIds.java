package dev.loggardener.normalize;

/**
 * Fingerprint ids of recently seen (origin, template) pairs, looked up by the template still in a
 * {@link Tokenizer}'s buffer, so that a known template is neither turned into a new string nor
 * hashed as one again, and its canonical form is not built again.
 *
 * <p>A direct-mapped table: each slot holds the last pair whose hash maps to it, so the memory is
 * bounded and an unlucky collision only costs a recomputation. Entries are immutable and published
 * by a plain array store: another thread sees a complete entry or misses and computes the id
 * itself. A hit compares the whole origin and template, so it is exact.
 */
final class TemplateIds {
  private static final int SLOTS = 1 << 14;

  private final Entry[] slots = new Entry[SLOTS];

  /**
   * The identity fields of the canonical form besides the template, each empty when absent.
   *
   * @param projectId the project id
   * @param resourceType the monitored resource type
   * @param service the service name
   * @param logger the logger or module
   */
  record Origin(String projectId, String resourceType, String service, String logger) {
    /** The origin of bare message text: every field empty. */
    static final Origin NONE = new Origin("", "", "", "");
  }

  /** An origin, a template, their hash, and the fingerprint id of the two. */
  static final class Entry {
    private final int hash;
    private final Origin origin;
    private final char[] chars;
    private final String template;
    private final String id;

    Entry(int hash, Origin origin, char[] chars, String template, String id) {
      this.hash = hash;
      this.origin = origin;
      this.chars = chars;
      this.template = template;
      this.id = id;
    }

    String template() {
      return template;
    }

    String id() {
      return id;
    }

    /** Whether this entry is of {@code other}'s origin. */
    boolean isOf(Origin other) {
      return origin == other || origin.equals(other);
    }
  }

  /** The hash {@link #find} and {@link #remember} take: the template's mixed with the origin's. */
  static int hash(Origin origin, Tokenizer tokenizer) {
    return tokenizer.templateHash() * 31 + origin.hashCode();
  }

  /** The entry of the origin and the template last built by {@code tokenizer}, or null. */
  Entry find(int hash, Origin origin, Tokenizer tokenizer) {
    Entry entry = slots[slot(hash)];
    return entry != null
            && entry.hash == hash
            && tokenizer.templateEquals(entry.chars)
            && entry.origin.equals(origin)
        ? entry
        : null;
  }

  /** Remembers the origin and the template last built by {@code tokenizer} with their id. */
  Entry remember(int hash, Origin origin, Tokenizer tokenizer, String template, String id) {
    Entry entry = new Entry(hash, origin, tokenizer.templateChars(), template, id);
    slots[slot(hash)] = entry;
    return entry;
  }

  private static int slot(int hash) {
    return (hash ^ (hash >>> 14) ^ (hash >>> 28)) & (SLOTS - 1);
  }
}
