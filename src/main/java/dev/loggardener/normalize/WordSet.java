package dev.loggardener.normalize;

import java.util.Set;

/**
 * A small fixed set of words that answers whether a range of a char array is one of them, without
 * building a substring.
 */
final class WordSet {
  /** The words by length, as char arrays. */
  private final char[][][] byLength;

  WordSet(Set<String> words) {
    int longest = words.stream().mapToInt(String::length).max().orElse(0);
    byLength = new char[longest + 1][][];
    for (int length = 0; length <= longest; length++) {
      int size = length;
      byLength[length] =
          words.stream()
              .filter(w -> w.length() == size)
              .sorted()
              .map(String::toCharArray)
              .toArray(char[][]::new);
    }
  }

  /** The length of the longest word. */
  int longest() {
    return byLength.length - 1;
  }

  /** Whether {@code s[from, to)} is one of the words, compared case-sensitively. */
  boolean contains(char[] s, int from, int to) {
    int length = to - from;
    if (length < 0 || length >= byLength.length) {
      return false;
    }
    for (char[] word : byLength[length]) {
      if (matches(word, s, from)) {
        return true;
      }
    }
    return false;
  }

  private static boolean matches(char[] word, char[] s, int from) {
    for (int k = 0; k < word.length; k++) {
      if (s[from + k] != word[k]) {
        return false;
      }
    }
    return true;
  }
}
