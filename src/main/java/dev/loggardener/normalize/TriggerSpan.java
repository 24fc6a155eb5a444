package dev.loggardener.normalize;

/**
 * Where a guard scan ({@link GuardedRules#runnable(String, char[], int, TriggerSpan)}) saw triggers
 * of three or more characters begin in its text: the first and the last place, or -1 when none.
 * Every place a trigger begins lies between them; a few places where none does may too, which only
 * widens the span. Also where the stretches of digits, spaces and dashes that hold a long enough
 * digit run lie ({@link DigitRuns#longest}), when the scan measured them: from the start of the
 * first to the end (exclusive) of the last, or -1 when none. Scratch of one scan, not shared
 * between threads.
 */
final class TriggerSpan {
  int first = -1;
  int last = -1;
  int digitsFrom = -1;
  int digitsTo = -1;
}
