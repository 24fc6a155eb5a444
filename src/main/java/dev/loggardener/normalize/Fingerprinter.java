package dev.loggardener.normalize;

import dev.loggardener.logentry.LogEntry;
import dev.loggardener.logentry.ServiceIdentity;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Redacts, normalizes and fingerprints log messages.
 *
 * <p>The fingerprint id is the lower-case hex SHA-256 of this canonical form (UTF-8, lines joined
 * by {@code \n}, every value with {@code \} escaped as {@code \\} and newlines as {@code \n}):
 *
 * <pre>
 * loggardener-fingerprint/2
 * project=&lt;project id, or empty&gt;
 * resource_type=&lt;monitored resource type, or empty&gt;
 * service=&lt;service name, or empty&gt;
 * logger=&lt;logger or module, or empty&gt;
 * kind=&lt;message | stack&gt;
 * template=&lt;template, or the stack signature for kind=stack&gt;
 * </pre>
 *
 * <p>For an entry with a stack trace the template is {@link StackSignature}: exception type plus
 * top in-app frames. The project keeps the same message of two projects apart, so that an
 * aggregated sink at folder or organization level never merges categories across projects. Left out
 * on purpose: the revision, instance and location (the same problem keeps its identity across
 * deploys and replicas); the severity (a per-occurrence attribute that Cloud Run infers from the
 * stream, so the same line can arrive as ERROR on stderr and DEFAULT on stdout; the aggregates keep
 * severity counts instead); and the rule-set version, which every {@link Fingerprint} carries
 * beside the id so that a rules change moves only the fingerprints of messages whose template it
 * changes. Nothing depends on arrival order, hash codes or clocks. Thread-safe; ids of recent
 * templates, and the fingerprints of recent messages that hold nothing to redact, are memoised,
 * which changes only speed.
 */
public final class Fingerprinter implements Serializable {
  private static final long serialVersionUID = 1L;
  private static final int CACHE_LIMIT = 50_000;
  private static final int CLEAN_SLOTS = 1 << 12;

  /**
   * Slots of {@link #recentMessages}: about as many repeats are found with 256 as with 4,096 on
   * Loghub-2k (46 against 49 % of its messages), since a message mostly repeats soon; 1,024 (48 %)
   * keeps few enough messages that a table of one run does not last into the next pass over a
   * corpus, so a benchmark repeating one finds what a stream would.
   */
  private static final int RECENT_SLOT_BITS = 10;

  private static final int RECENT_SLOTS = 1 << RECENT_SLOT_BITS;

  /**
   * A repeat saves about a thousand nanoseconds and a lookup that finds none costs under a hundred,
   * so the memo pays from about one repeat in ten on; it is paused below one in {@value}.
   */
  private static final int WORTH_ONE_IN = 16;

  static final int JUDGED_AFTER = 4096;

  static final int PAUSE = 16 * JUDGED_AFTER;

  /** The longest message kept in {@link #recentMessages}, which bounds its memory. */
  private static final int RECENT_MAX_CHARS = 512;

  /** An odd constant whose products spread every bit of a word over the high bits. */
  private static final long MIX = 0x9E3779B97F4A7C15L;

  private final String ruleSetVersion;
  private final Redactor redactor;
  private final Normalizer normalizer;

  /**
   * The guards of the redact rules followed by the mask rules, so that one scan of a message serves
   * both stages when redaction leaves it unchanged (the common case); null when both stages
   * together have more rules than one scan can report.
   */
  private final GuardedRules bothStages;

  private final int redactRules;
  private final SecretCatalog secrets;
  private transient volatile ConcurrentHashMap<String, String> idCache;
  private transient volatile TemplateIds messageIds;

  /** Texts known to hold nothing to redact, each in the slot of its hash ({@link #record}). */
  private transient volatile String[] cleanTexts;

  /**
   * Messages fingerprinted lately that redaction left as they were, each with the entry of its
   * origin and template, in the slot of its hash: logs repeat messages exactly (a retry, a health
   * check, a loop's line; about half of Loghub-2k's messages repeat one of the last thousand), and
   * a repeat takes its fingerprint from here instead of being scanned, redacted and tokenized
   * again. A message is kept, and looked up, only while no value found elsewhere in its entry is to
   * be removed from it, so the fingerprint is the one the whole path gives.
   */
  private transient volatile RecentMessage[] recentMessages;

  /**
   * Lookups of {@link #recentMessages} since the memo was last judged, repeats found among them,
   * and messages still to pass before it is looked at again. Threads update them without
   * synchronizing: they decide only whether to look, never what a lookup returns.
   */
  private transient int lookups;

  private transient int hits;
  private transient int pausedFor;

  /**
   * A message of {@link #recentMessages}; {@code recording} says whether its fingerprint was asked
   * for with findings to record into, which it is looked up for only again: one asked for without
   * could have had a step record something and leave the text unchanged.
   */
  private record RecentMessage(String message, boolean recording, TemplateIds.Entry entry) {}

  /** Label names known not to be secret-like, each in the slot of its hash. */
  private transient volatile String[] plainNames;

  public Fingerprinter(RuleSet ruleSet) {
    this.ruleSetVersion = ruleSet.version();
    this.redactor = new Redactor(ruleSet);
    this.normalizer = new Normalizer(ruleSet);
    this.secrets = ruleSet.secrets();
    List<GuardedStep> redact = ruleSet.redactSteps();
    List<Rule> mask = ruleSet.rules(Rule.Stage.MASK);
    this.redactRules = redact.size();
    List<GuardedStep> both = new ArrayList<>(redact);
    both.addAll(mask);
    this.bothStages = both.size() < GuardedRules.MAX_RULES ? new GuardedRules(both) : null;
  }

  /**
   * Redacts the message and leaves its template in {@code tokenizer}; returns the redacted message.
   * {@code loaded} says whether the message is already in the tokenizer's input buffer. When
   * redaction changed the message, the raw text is wiped from the tokenizer's input buffer so that
   * the secret does not stay there until the next message. {@code findings} (may be null) receives
   * what was removed and supplies values removed elsewhere in the entry.
   */
  private String normalize(String message, Tokenizer tokenizer, boolean loaded, Findings findings) {
    if (bothStages == null || message.length() > Normalizer.MAX_CHARS) {
      String redacted = redactor.redact(message, findings);
      normalizer.template(redacted, tokenizer);
      return redacted;
    }
    char[] chars = loaded ? tokenizer.input() : tokenizer.load(message);
    TriggerSpan span = new TriggerSpan();
    long guards = bothStages.runnable(message, chars, message.length(), span);
    String redacted = redactor.redact(message, guards & ((1L << redactRules) - 1), span, findings);
    if (redacted == message) {
      normalizer.templateOfLoaded(message, guards >>> redactRules, span, tokenizer);
    } else {
      tokenizer.wipeInput();
      normalizer.template(redacted, tokenizer);
    }
    return redacted;
  }

  /** Fingerprints an entry: its message (or stack trace) together with who logged it. */
  public Fingerprint fingerprint(LogEntry entry) {
    return fingerprint(entry, new Findings());
  }

  /**
   * {@link #fingerprint(LogEntry)}, recording in {@code findings} what redaction removed. Values
   * found anywhere in the entry (labels, the request URL, the message, the stack trace) are removed
   * from every text it stores: a label named like a secret ({@link SecretCatalog#isSecretName}) is
   * secret whatever its value.
   */
  public Fingerprint fingerprint(LogEntry entry, Findings findings) {
    entry
        .labels()
        .forEach(
            (name, value) -> {
              if (isSecretName(name)) {
                findings.addValue(SecretCatalog.SECRET_FIELD, value);
              } else {
                record(value, findings);
              }
            });
    if (entry.httpRequest() != null) {
      record(entry.httpRequest().path(), findings);
    }
    ServiceIdentity service = entry.service();
    String projectId = service.projectId() == null ? "" : service.projectId();
    String logger = entry.logger() == null ? "" : entry.logger();
    if (entry.stackTrace() == null) {
      return fingerprint(
          new TemplateIds.Origin(projectId, service.resourceType(), service.service(), logger),
          entry.message(),
          findings);
    }
    String redacted = redactor.redact(entry.message(), findings);
    String template =
        findings.scrub(redactor.redact(StackSignature.of(entry.stackTrace()), findings));
    redacted = findings.scrub(redacted);
    String id =
        id(canonical(projectId, service.resourceType(), service.service(), logger, true, template));
    return new Fingerprint(id, template, redacted, ruleSetVersion);
  }

  /** Fingerprints bare message text, with empty identity fields. */
  public Fingerprint fingerprintMessage(String message) {
    return fingerprint(TemplateIds.Origin.NONE, message, null);
  }

  /**
   * The fingerprint of a message (kind {@code message}) of the given origin: the one path of
   * entries without a stack trace and of bare messages. The id of a known (origin, template) pair
   * comes from {@link TemplateIds} without building the template string or the canonical form.
   */
  private Fingerprint fingerprint(TemplateIds.Origin origin, String message, Findings findings) {
    boolean memoisable =
        (findings == null || findings.isEmpty())
            && message.length() <= RECENT_MAX_CHARS
            && memoWorthLooking();
    RecentMessage[] recent = recentMessages;
    if (recent == null) {
      recent = new RecentMessage[RECENT_SLOTS];
      recentMessages = recent;
    }
    Tokenizer tokenizer = Tokenizer.current();
    int slot = 0;
    if (memoisable) {
      slot = recentSlot(tokenizer.load(message), message.length());
      RecentMessage seen = recent[slot];
      boolean hit =
          seen != null
              && seen.recording() == (findings != null)
              && seen.entry().isOf(origin)
              && message.equals(seen.message());
      judgeMemo(hit);
      if (hit) {
        return new Fingerprint(seen.entry().id(), seen.entry().template(), message, ruleSetVersion);
      }
    }
    String redacted = normalize(message, tokenizer, memoisable, findings);
    TemplateIds ids = messageIds;
    if (ids == null) {
      ids = new TemplateIds();
      messageIds = ids;
    }
    int hash = TemplateIds.hash(origin, tokenizer);
    TemplateIds.Entry known = ids.find(hash, origin, tokenizer);
    if (known == null) {
      String template = tokenizer.template();
      String id =
          sha256Hex(
              canonical(
                  origin.projectId(),
                  origin.resourceType(),
                  origin.service(),
                  origin.logger(),
                  false,
                  template));
      known = ids.remember(hash, origin, tokenizer, template, id);
    }
    if (memoisable && redacted == message && (findings == null || findings.isEmpty())) {
      recent[slot] = new RecentMessage(message, findings != null, known);
    }
    return new Fingerprint(known.id(), known.template(), redacted, ruleSetVersion);
  }

  /**
   * The slot of a message in {@link #recentMessages}, from its characters as loaded into the
   * tokenizer (the whole path needs them there too). Four characters make one 64-bit word, folded
   * into two sums side by side, so that a long message costs a few multiplications: {@link
   * String#hashCode} of a message just decoded, one multiplication per character each waiting for
   * the last, cost most of a repeat's lookup.
   */
  private static int recentSlot(char[] chars, int n) {
    long even = n;
    long odd = 0;
    int k = 0;
    for (; k + 7 < n; k += 8) {
      even = (Long.rotateLeft(even, 5) ^ word(chars, k)) * MIX;
      odd = (Long.rotateLeft(odd, 5) ^ word(chars, k + 4)) * MIX;
    }
    for (; k < n; k++) {
      even = (Long.rotateLeft(even, 5) ^ chars[k]) * MIX;
    }
    return (int) (((even ^ Long.rotateLeft(odd, 32)) * MIX) >>> (64 - RECENT_SLOT_BITS));
  }

  /** The four characters at {@code at} as one word. */
  private static long word(char[] chars, int at) {
    return chars[at]
        | (long) chars[at + 1] << 16
        | (long) chars[at + 2] << 32
        | (long) chars[at + 3] << 48;
  }

  /**
   * Whether to look for the message among the recent ones: not while the memo is paused. Every
   * {@link #JUDGED_AFTER} lookups it is judged, and paused for {@link #PAUSE} messages when fewer
   * than one in {@link #WORTH_ONE_IN} was a repeat: a stream that does not repeat itself would
   * otherwise pay the lookup and the record of every message for nothing (on HDFS's messages, none
   * of which repeats, the path with the memo and no pause ran at 0.82 to 1.00 of its rate without).
   */
  private boolean memoWorthLooking() {
    if (pausedFor > 0) {
      pausedFor--;
      return false;
    }
    return true;
  }

  /** Whether the memo of recent messages is paused; for tests. */
  boolean memoPaused() {
    return pausedFor > 0;
  }

  private void judgeMemo(boolean hit) {
    lookups++;
    if (hit) {
      hits++;
    }
    if (lookups >= JUDGED_AFTER) {
      if (hits * WORTH_ONE_IN < lookups) {
        pausedFor = PAUSE;
      }
      lookups = 0;
      hits = 0;
    }
  }

  /**
   * {@link SecretCatalog#isSecretName}, remembering names that are not: label names recur on every
   * entry of their source, and the catalog's test is two regex passes.
   */
  private boolean isSecretName(String name) {
    String[] plain = plainNames;
    if (plain == null) {
      plain = new String[CLEAN_SLOTS];
      plainNames = plain;
    }
    int slot = name.hashCode() & (CLEAN_SLOTS - 1);
    if (name.equals(plain[slot])) {
      return false;
    }
    if (secrets.isSecretName(name)) {
      return true;
    }
    plain[slot] = name;
    return false;
  }

  /**
   * Records in {@code findings} what redaction finds in a text of the entry that is not stored
   * itself (a label value, the request path). Texts in which redaction found nothing while the
   * findings were empty are remembered, since labels such as instance ids recur on every entry of
   * their source: for such a text, with findings still empty, redaction would record nothing and
   * remove nothing again (a text no redact step changes is passed over without recording, {@link
   * Redactor}), so the call is skipped.
   */
  private void record(String text, Findings findings) {
    if (text == null) {
      return;
    }
    boolean empty = findings.isEmpty();
    String[] clean = cleanTexts;
    if (clean == null) {
      clean = new String[CLEAN_SLOTS];
      cleanTexts = clean;
    }
    int slot = text.hashCode() & (CLEAN_SLOTS - 1);
    if (empty && text.equals(clean[slot])) {
      return;
    }
    redactor.redact(text, findings);
    if (empty && findings.isEmpty()) {
      clean[slot] = text;
    }
  }

  /** Redacts any text we store or print (labels, URLs, messages). */
  public String redact(String text) {
    return redactor.redact(text);
  }

  /** The version of the rules this fingerprinter applies. */
  public String ruleSetVersion() {
    return ruleSetVersion;
  }

  static String canonical(
      String projectId,
      String resourceType,
      String service,
      String logger,
      boolean stack,
      String template) {
    StringBuilder out = new StringBuilder(template.length() + projectId.length() + 104);
    out.append("loggardener-fingerprint/2\nproject=");
    escape(projectId, out);
    out.append("\nresource_type=");
    escape(resourceType, out);
    out.append("\nservice=");
    escape(service, out);
    out.append("\nlogger=");
    escape(logger, out);
    out.append("\nkind=").append(stack ? "stack" : "message").append("\ntemplate=");
    escape(template, out);
    return out.toString();
  }

  private static void escape(String value, StringBuilder out) {
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c == '\\') {
        out.append("\\\\");
      } else if (c == '\n') {
        out.append("\\n");
      } else {
        out.append(c);
      }
    }
  }

  private String id(String canonical) {
    ConcurrentHashMap<String, String> cache = idCache;
    if (cache == null) {
      cache = new ConcurrentHashMap<>();
      idCache = cache;
    }
    String id = cache.get(canonical);
    if (id == null) {
      id = sha256Hex(canonical);
      remember(cache, canonical, id);
    }
    return id;
  }

  private static void remember(ConcurrentHashMap<String, String> cache, String key, String id) {
    if (cache.size() >= CACHE_LIMIT) {
      cache.clear();
    }
    cache.put(key, id);
  }

  /** Lower-case hex SHA-256 of the UTF-8 bytes of {@code text}. */
  static String sha256Hex(String text) {
    MessageDigest digest;
    try {
      digest = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime provides SHA-256", e);
    }
    byte[] hash = digest.digest(text.getBytes(StandardCharsets.UTF_8));
    char[] hex = new char[64];
    for (int i = 0; i < 32; i++) {
      hex[2 * i] = Character.forDigit((hash[i] >> 4) & 0xF, 16);
      hex[2 * i + 1] = Character.forDigit(hash[i] & 0xF, 16);
    }
    return new String(hex);
  }
}
