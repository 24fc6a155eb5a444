package dev.loggardener.normalize;

/**
 * Fingerprint ids of recently seen templates, looked up by the template still in a {@link
 * Tokenizer}'s buffer, so that a known template is neither turned into a new string nor hashed as
 * one again.
 *
 * <p>A direct-mapped table: each slot holds the last template whose hash maps to it, so the memory
 * is bounded and an unlucky collision only costs a recomputation. Entries are immutable and
 * published by a plain array store: another thread sees a complete entry or misses and computes the
 * id itself. A hit compares the whole template, so it is exact.
 */
final class TemplateIds {
  private static final int SLOTS = 1 << 14;

  private final Entry[] slots = new Entry[SLOTS];

  /** A template, its hash as {@link String#hashCode} computes it, and its fingerprint id. */
  static final class Entry {
    private final int hash;
    private final char[] chars;
    private final String template;
    private final String id;

    Entry(int hash, char[] chars, String template, String id) {
      this.hash = hash;
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
  }

  /** The entry of the template last built by {@code tokenizer}, or null when it is not known. */
  Entry find(Tokenizer tokenizer) {
    int hash = tokenizer.templateHash();
    Entry entry = slots[slot(hash)];
    return entry != null && entry.hash == hash && tokenizer.templateEquals(entry.chars)
        ? entry
        : null;
  }

  /** Remembers the template last built by {@code tokenizer}, with its id, and returns the entry. */
  Entry remember(Tokenizer tokenizer, String template, String id) {
    Entry entry = new Entry(tokenizer.templateHash(), tokenizer.templateChars(), template, id);
    slots[slot(entry.hash)] = entry;
    return entry;
  }

  private static int slot(int hash) {
    return (hash ^ (hash >>> 14) ^ (hash >>> 28)) & (SLOTS - 1);
  }
}
