package dev.loggardener.logentry;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import java.util.ArrayList;
import java.util.List;

/**
 * Renders a JSON value compactly with object keys sorted by code point, so the same payload always
 * yields the same text whatever order the writer used.
 *
 * <p>Numbers keep the digits they were written with; strings are escaped as JSON and stripped of
 * control characters like every other text the parser extracts. Recursion is bounded by the
 * reader's depth limit.
 */
final class CanonicalJson {
  private CanonicalJson() {}

  static String render(JsonElement value) {
    StringBuilder out = new StringBuilder();
    append(value, out);
    return out.toString();
  }

  private static void append(JsonElement value, StringBuilder out) {
    if (value == null || value.isJsonNull()) {
      out.append("null");
    } else if (value.isJsonObject()) {
      JsonObject object = value.getAsJsonObject();
      List<String> keys = new ArrayList<>(object.keySet());
      keys.sort(null);
      out.append('{');
      for (int i = 0; i < keys.size(); i++) {
        if (i > 0) {
          out.append(',');
        }
        quote(keys.get(i), out);
        out.append(':');
        append(object.get(keys.get(i)), out);
      }
      out.append('}');
    } else if (value.isJsonArray()) {
      JsonArray array = value.getAsJsonArray();
      out.append('[');
      for (int i = 0; i < array.size(); i++) {
        if (i > 0) {
          out.append(',');
        }
        append(array.get(i), out);
      }
      out.append(']');
    } else {
      JsonPrimitive primitive = value.getAsJsonPrimitive();
      if (primitive.isString()) {
        quote(primitive.getAsString(), out);
      } else {
        out.append(primitive.getAsString());
      }
    }
  }

  private static void quote(String text, StringBuilder out) {
    String cleaned = JsonFields.clean(text);
    out.append('"');
    for (int i = 0; i < cleaned.length(); i++) {
      char c = cleaned.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        default -> out.append(c);
      }
    }
    out.append('"');
  }
}
