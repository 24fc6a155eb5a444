package dev.loggardener.worklog;

import java.util.ArrayList;
import java.util.List;

/**
 * Draws counts as a line of Unicode block characters, one per bucket: {@code ▁} for zero, then
 * {@code ▂} to {@code █} in proportion to the largest count (any non-zero count shows at least
 * {@code ▂}).
 */
public final class Sparkline {
  private static final String BLOCKS = "▁▂▃▄▅▆▇█";

  private Sparkline() {}

  /** The sparkline of the counts, at most {@code width} characters (buckets are summed). */
  public static String of(List<Long> counts, int width) {
    List<Long> buckets = fold(counts, width);
    long max = buckets.stream().mapToLong(Long::longValue).max().orElse(0);
    StringBuilder out = new StringBuilder();
    for (long count : buckets) {
      int level = count <= 0 || max == 0 ? 0 : (int) Math.max(1, Math.ceil(count * 7.0 / max));
      out.append(BLOCKS.charAt(level));
    }
    return out.toString();
  }

  /** Hourly counts summed per day (24 buckets each; the last day may be shorter). */
  public static List<Long> daily(List<Long> hourly) {
    List<Long> days = new ArrayList<>();
    for (int i = 0; i < hourly.size(); i += 24) {
      long sum = 0;
      for (int j = i; j < Math.min(hourly.size(), i + 24); j++) {
        sum += hourly.get(j);
      }
      days.add(sum);
    }
    return days;
  }

  /** Sums neighbouring buckets so that there are at most {@code width}. */
  static List<Long> fold(List<Long> counts, int width) {
    if (width <= 0) {
      throw new IllegalArgumentException("width must be positive, got " + width);
    }
    int per = (counts.size() + width - 1) / width;
    if (per <= 1) {
      return counts;
    }
    List<Long> folded = new ArrayList<>();
    for (int i = 0; i < counts.size(); i += per) {
      long sum = 0;
      for (int j = i; j < Math.min(counts.size(), i + per); j++) {
        sum += counts.get(j);
      }
      folded.add(sum);
    }
    return folded;
  }
}
