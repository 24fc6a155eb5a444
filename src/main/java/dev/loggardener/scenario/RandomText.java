package dev.loggardener.scenario;

import java.util.SplittableRandom;

/**
 * Random identifiers in the shapes Cloud Run and the services print, drawn from a seeded source.
 */
final class RandomText {
  private static final char[] HEX = "0123456789abcdef".toCharArray();
  private static final char[] URL_SAFE =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_".toCharArray();

  private RandomText() {}

  static String hex(SplittableRandom random, int length) {
    return pick(random, HEX, length);
  }

  static String urlSafe(SplittableRandom random, int length) {
    return pick(random, URL_SAFE, length);
  }

  static String uuid(SplittableRandom random) {
    String hex = hex(random, 32);
    return hex.substring(0, 8)
        + '-'
        + hex.substring(8, 12)
        + "-4"
        + hex.substring(13, 16)
        + '-'
        + HEX[8 + random.nextInt(4)]
        + hex.substring(17, 20)
        + '-'
        + hex.substring(20);
  }

  private static String pick(SplittableRandom random, char[] alphabet, int length) {
    char[] text = new char[length];
    for (int i = 0; i < length; i++) {
      text[i] = alphabet[random.nextInt(alphabet.length)];
    }
    return new String(text);
  }
}
