package dev.loggardener.normalize;

/**
 * Where a guard scan ({@link GuardedRules#runnable(String, char[], int, TriggerSpan)}) saw triggers
 * of three or more characters begin in its text: the first and the last place, or -1 when none.
 * Every place a trigger begins lies between them; a few places where none does may too, which only
 * widens the span. Scratch of one scan, not shared between threads.
 */
final class TriggerSpan {
  int first = -1;
  int last = -1;
}
