package dev.loggardener.worklog;

import java.util.Locale;

/** How urgently a category needs attention, P0 (now) to P4 (no action). */
public enum Priority {
  P0("CRITICAL", "🚨", "Immediate"),
  P1("HIGH", "🔴", "Soon"),
  P2("MEDIUM", "🟡", "Planned"),
  P3("LOW", "🟢", "Monitor"),
  P4("LOW", "🟢", "None");

  private final String label;
  private final String icon;
  private final String action;

  Priority(String label, String icon, String action) {
    this.label = label;
    this.icon = icon;
    this.action = action;
  }

  /** Severity label shown beside the priority: CRITICAL, HIGH, MEDIUM or LOW. */
  public String label() {
    return label;
  }

  /** The emoji that marks the label in Markdown. */
  public String icon() {
    return icon;
  }

  /** The action the priority asks for: Immediate, Soon, Planned, Monitor or None. */
  public String action() {
    return action;
  }

  /** One step more urgent, stopping at P0. */
  public Priority raised() {
    return this == P0 ? P0 : values()[ordinal() - 1];
  }

  /** Whether this is more urgent than {@code other}. */
  public boolean moreUrgentThan(Priority other) {
    return ordinal() < other.ordinal();
  }

  /** Parses {@code P0}..{@code P4}, or returns null for anything else. */
  public static Priority parse(String text) {
    for (Priority priority : values()) {
      if (priority.name().equals(text.trim().toUpperCase(Locale.ROOT))) {
        return priority;
      }
    }
    return null;
  }
}
