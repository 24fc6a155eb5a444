package dev.loggardener.scenario;

import java.io.IOException;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Iterator;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Writes a seeded, deterministic day of Cloud Logging LogEntry JSON for the staging project, one
 * compact object a line as a log sink publishes it.
 *
 * <p>The day is a sequence of slots (see {@link Slot}) drawn without replacement, so every kind
 * appears exactly as often as {@link #manifest()} says while their positions stay random. Time runs
 * forward through the day with more traffic in working hours. Memory stays flat however many
 * entries are written: only the last few hundred lines are kept, to be redelivered.
 */
public final class ScenarioGenerator {
  /** The smallest day that still holds every planted kind plus background. */
  public static final long MIN_ENTRIES = 1_000;

  private static final int RECENT_LINES = 512;
  private static final double[] HOURLY_WEIGHTS = {
    3, 2, 2, 2, 2, 2, 3, 4, 6, 8, 9, 10, 10, 10, 10, 10, 10, 9, 8, 7, 6, 5, 4, 3
  };

  /** Receives the generated lines, without line terminators. */
  @FunctionalInterface
  public interface LineSink {
    void accept(String line) throws IOException;
  }

  private final long seed;
  private final long entries;
  private final LocalDate date;
  private final ScenarioManifest manifest;

  /**
   * A generator for one day.
   *
   * @throws IllegalArgumentException when {@code entries} is below {@link #MIN_ENTRIES}
   */
  public ScenarioGenerator(long seed, long entries, LocalDate date) {
    if (entries < MIN_ENTRIES) {
      throw new IllegalArgumentException(
          "a scenario day needs at least " + MIN_ENTRIES + " entries, got " + entries);
    }
    this.seed = seed;
    this.entries = entries;
    this.date = date;
    this.manifest = ScenarioManifest.of(seed, entries, date);
  }

  /** What {@link #generate} writes. */
  public ScenarioManifest manifest() {
    return manifest;
  }

  /** Writes the whole day to {@code sink}; every call writes the same lines. */
  public void generate(LineSink sink) throws IOException {
    SplittableRandom random = new SplittableRandom(seed);
    long dayStartMicros = date.atStartOfDay().toEpochSecond(ZoneOffset.UTC) * 1_000_000L;
    EntryFactory factory = new EntryFactory(random, dayStartMicros);
    FamilyRenderer families = new FamilyRenderer(factory);
    BackgroundRenderer background = new BackgroundRenderer(factory);
    Iterator<PlantedSecret> secrets = manifest.secrets().iterator();
    Slot[] kinds = Slot.values();
    long[] remaining = new long[kinds.length];
    long slots = 0;
    for (Slot kind : kinds) {
      remaining[kind.ordinal()] = kind.count(entries);
      slots += remaining[kind.ordinal()];
    }
    String[] recent = new String[RECENT_LINES];
    long written = 0;
    for (long step = 0; step < slots; step++) {
      Slot slot = step == 0 ? Slot.BACKGROUND : draw(random, kinds, remaining, slots - step);
      remaining[slot.ordinal()]--;
      long micros = dayStartMicros + timeOfDayMicros((step + random.nextDouble()) / slots);
      switch (slot) {
        case BACKGROUND -> {
          String line = EntryJson.write(background.render(micros), true);
          sink.accept(line);
          recent[(int) (written++ % RECENT_LINES)] = line;
        }
        case REDELIVERY ->
            sink.accept(recent[random.nextInt((int) Math.min(written, RECENT_LINES))]);
        case NOT_JSON -> sink.accept(background.notJson());
        case NO_TIMESTAMP -> sink.accept(EntryJson.write(background.render(micros), false));
        case TRUNCATED -> sink.accept(background.truncated(micros));
        case SECRET -> sink.accept(EntryJson.write(families.secret(secrets.next(), micros), true));
        default -> {
          List<Entry> incident = families.render(slot, micros);
          for (Entry entry : incident) {
            String line = EntryJson.write(entry, true);
            sink.accept(line);
            recent[(int) (written++ % RECENT_LINES)] = line;
          }
        }
      }
    }
  }

  private static Slot draw(SplittableRandom random, Slot[] kinds, long[] remaining, long left) {
    long pick = random.nextLong(left);
    for (Slot kind : kinds) {
      pick -= remaining[kind.ordinal()];
      if (pick < 0) {
        return kind;
      }
    }
    throw new IllegalStateException("slot counts out of step with the slots left");
  }

  /** Maps a fraction of the day's traffic to a time of day, following the hourly weights. */
  private static long timeOfDayMicros(double trafficFraction) {
    double total = 0;
    for (double weight : HOURLY_WEIGHTS) {
      total += weight;
    }
    double target = trafficFraction * total;
    int hour = 0;
    while (hour < HOURLY_WEIGHTS.length - 1 && target >= HOURLY_WEIGHTS[hour]) {
      target -= HOURLY_WEIGHTS[hour++];
    }
    double withinHour = Math.min(target / HOURLY_WEIGHTS[hour], 1.0);
    return (long) ((hour + withinHour) * 3_600_000_000L);
  }
}
