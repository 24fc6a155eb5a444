package dev.loggardener.scenario;

import java.time.LocalDate;

/**
 * The scenario day shipped in {@code pipelines/samples/}, which the quick start runs: these
 * settings regenerate it byte for byte (before compression).
 */
public final class BundledSample {
  /** The generator seed of the bundled sample. */
  public static final long SEED = 611;

  /** Lines in the bundled sample. */
  public static final long ENTRIES = 4_000;

  /** The day the bundled sample covers, that of the example worklog. */
  public static final LocalDate DATE = LocalDate.of(2025, 9, 11);

  /** The sample's path relative to the project root; the jar holds it at the same path. */
  public static final String PATH = "pipelines/samples/netra-staging-2025-09-11.jsonl.gz";

  private BundledSample() {}

  /** The manifest of the bundled sample. */
  public static ScenarioManifest manifest() {
    return ScenarioManifest.of(SEED, ENTRIES, DATE);
  }
}
