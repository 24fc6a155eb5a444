package dev.loggardener.logentry;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import java.math.BigDecimal;
import java.util.Map;
import java.util.TreeMap;

/**
 * Typed reads of LogEntry fields with Cloud Logging's own leniency: JSON null means absent, and
 * int64 fields may arrive as strings (the proto3 JSON mapping writes them that way). Any other type
 * mismatch is a {@link RejectReason#WRONG_FIELD_TYPE} naming the field.
 *
 * <p>Every string read here goes through {@link #clean}, so NUL and other control characters never
 * reach the entry.
 */
final class JsonFields {
  private JsonFields() {}

  /** The member, or null when absent or JSON null. */
  static JsonElement member(JsonObject object, String name) {
    if (object == null) {
      return null;
    }
    JsonElement value = object.get(name);
    return value == null || value.isJsonNull() ? null : value;
  }

  static JsonObject object(JsonObject parent, String name, String path) throws PayloadRejection {
    JsonElement value = member(parent, name);
    if (value == null) {
      return null;
    }
    if (!value.isJsonObject()) {
      throw wrongType(path, "an object", value);
    }
    return value.getAsJsonObject();
  }

  static String string(JsonObject parent, String name, String path) throws PayloadRejection {
    JsonElement value = member(parent, name);
    if (value == null) {
      return null;
    }
    if (!value.isJsonPrimitive() || !value.getAsJsonPrimitive().isString()) {
      throw wrongType(path, "a string", value);
    }
    return clean(value.getAsString());
  }

  /** A string, or the text of a number or boolean; objects and arrays are rejected. */
  static String scalarText(JsonObject parent, String name, String path) throws PayloadRejection {
    JsonElement value = member(parent, name);
    if (value == null) {
      return null;
    }
    if (!value.isJsonPrimitive()) {
      throw wrongType(path, "a string", value);
    }
    return clean(value.getAsString());
  }

  /** A whole number given as a JSON number or a decimal string; anything else is rejected. */
  static Long integer(JsonObject parent, String name, String path) throws PayloadRejection {
    JsonElement value = member(parent, name);
    if (value == null) {
      return null;
    }
    Long parsed = value.isJsonPrimitive() ? parseInteger(value.getAsJsonPrimitive()) : null;
    if (parsed == null) {
      throw wrongType(path, "a whole number", value);
    }
    return parsed;
  }

  /** Like {@link #integer} but yields null for a value that is not a whole number. */
  static Long lenientInteger(JsonObject parent, String name) {
    JsonElement value = member(parent, name);
    return value != null && value.isJsonPrimitive()
        ? parseInteger(value.getAsJsonPrimitive())
        : null;
  }

  private static Long parseInteger(JsonPrimitive primitive) {
    return primitive.isBoolean() ? null : parseInteger(primitive.getAsString());
  }

  /**
   * The whole number a number's or string's text gives, surrounding whitespace allowed; null for
   * any other text.
   */
  static Long parseInteger(String text) {
    String number = text.trim();
    if (number.isEmpty() || number.length() > 40 || !startsLikeNumber(number.charAt(0))) {
      return null;
    }
    try {
      return new BigDecimal(number).longValueExact();
    } catch (ArithmeticException | NumberFormatException e) {
      return null;
    }
  }

  /**
   * Whether {@link BigDecimal} may read a text beginning with the character (it reads any Unicode
   * digit): checked first because most texts given here are names, and a refused parse costs an
   * exception.
   */
  private static boolean startsLikeNumber(char c) {
    return Character.isDigit(c) || c == '-' || c == '+' || c == '.';
  }

  /**
   * A string map such as {@code labels}; numbers and booleans are kept as their text because
   * writers routinely send them, null values are skipped, nested values are rejected.
   */
  static Map<String, String> labels(JsonObject labels, String path) throws PayloadRejection {
    Map<String, String> map = new TreeMap<>();
    if (labels == null) {
      return map;
    }
    for (Map.Entry<String, JsonElement> label : labels.entrySet()) {
      JsonElement value = label.getValue();
      if (value.isJsonNull()) {
        continue;
      }
      if (!value.isJsonPrimitive()) {
        throw wrongType(path + "." + clean(label.getKey()), "a string", value);
      }
      map.put(clean(label.getKey()), clean(value.getAsString()));
    }
    return map;
  }

  static PayloadRejection wrongType(String path, String expected, JsonElement actual) {
    return new PayloadRejection(
        RejectReason.WRONG_FIELD_TYPE, path + " must be " + expected + ", got " + describe(actual));
  }

  private static String describe(JsonElement value) {
    if (value.isJsonObject()) {
      return "an object";
    }
    if (value.isJsonArray()) {
      return "an array";
    }
    JsonPrimitive primitive = value.getAsJsonPrimitive();
    if (primitive.isBoolean()) {
      return "a boolean";
    }
    return primitive.isNumber() ? "a number" : "a string";
  }

  /**
   * Removes NUL and the other C0/C1 control characters except tab, line feed and carriage return.
   *
   * <p>They are legal in JSON when escaped, but they break the stores and reports downstream and
   * never carry meaning in a log message, so the parser strips them instead of rejecting the entry.
   */
  static String clean(String text) {
    int length = text.length();
    int i = 0;
    while (i < length && !isStripped(text.charAt(i))) {
      i++;
    }
    if (i == length) {
      return text;
    }
    StringBuilder cleaned = new StringBuilder(length).append(text, 0, i);
    for (; i < length; i++) {
      char c = text.charAt(i);
      if (!isStripped(c)) {
        cleaned.append(c);
      }
    }
    return cleaned.toString();
  }

  private static boolean isStripped(char c) {
    if (c == '\t' || c == '\n' || c == '\r') {
      return false;
    }
    return c < 0x20 || (c >= 0x7F && c <= 0x9F);
  }
}
