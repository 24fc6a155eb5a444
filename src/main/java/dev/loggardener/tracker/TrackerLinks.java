package dev.loggardener.tracker;

import java.util.List;
import java.util.Map;

/** The {@code tracker_links} table: append-only, the latest row per fingerprint is current. */
public interface TrackerLinks {

  /** The current link of every fingerprint filed in {@code repository}, by fingerprint. */
  Map<String, TrackerLink> latest(String repository) throws Exception;

  /** Appends rows in one write. */
  void record(List<TrackerLink> links) throws Exception;
}
