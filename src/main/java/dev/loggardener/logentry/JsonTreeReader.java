package dev.loggardener.logentry;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import com.google.gson.Strictness;
import com.google.gson.internal.LazilyParsedNumber;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import java.io.IOException;
import java.io.StringReader;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;

/**
 * Turns raw bytes into a gson tree under explicit limits, so that hostile input becomes a rejection
 * instead of an exception.
 *
 * <p>The bytes must be strict UTF-8 and strict JSON (RFC 8259): unescaped control characters in
 * strings, comments, single quotes, NaN and trailing content are {@link RejectReason#NOT_JSON}. The
 * tree is built by our own recursion over gson's streaming reader, bounded by {@code maxDepth}, so
 * a 10,000-deep document is rejected as {@link RejectReason#TOO_DEEP} long before the thread stack
 * is at risk.
 */
final class JsonTreeReader {
  private static final byte[] UTF8_BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};

  private final int maxBytes;
  private final int maxDepth;

  JsonTreeReader(int maxBytes, int maxDepth) {
    this.maxBytes = maxBytes;
    this.maxDepth = maxDepth;
  }

  JsonObject readObject(byte[] payload) throws PayloadRejection {
    // Our own depth check fires first; gson's is a second fence one level further.
    JsonReader reader = open(payload, maxDepth + 1);
    try {
      JsonElement root = read(reader, 0);
      requireEnd(reader);
      if (!root.isJsonObject()) {
        throw new PayloadRejection(
            RejectReason.NOT_AN_OBJECT, "the JSON value is " + kind(root) + ", not an object");
      }
      return root.getAsJsonObject();
    } catch (IOException | IllegalStateException | NumberFormatException e) {
      throw new PayloadRejection(RejectReason.NOT_JSON, firstLine(e.getMessage()));
    }
  }

  /**
   * Reads only the named top-level members into the object, and rejects exactly the payloads that
   * {@link #readObject} rejects (possibly for another reason): the other members are skipped
   * without building their values, which is several times cheaper for a large payload.
   *
   * <p>Gson's skipping does not refuse unescaped control characters inside strings, so a payload
   * holding any control byte is read whole instead; and the nesting limit is exactly {@code
   * maxDepth}, the bound {@link #readObject} enforces itself.
   */
  JsonObject readMembers(byte[] payload, Set<String> names) throws PayloadRejection {
    if (payload != null && hasControlByte(payload)) {
      return readObject(payload);
    }
    JsonReader reader = open(payload, maxDepth);
    try {
      if (reader.peek() != JsonToken.BEGIN_OBJECT) {
        throw new PayloadRejection(RejectReason.NOT_AN_OBJECT, "the JSON value is not an object");
      }
      JsonObject object = new JsonObject();
      reader.beginObject();
      while (reader.hasNext()) {
        String name = reader.nextName();
        if (names.contains(name)) {
          object.add(name, read(reader, 1));
        } else {
          reader.skipValue();
        }
      }
      reader.endObject();
      requireEnd(reader);
      return object;
    } catch (IOException | IllegalStateException | NumberFormatException e) {
      throw new PayloadRejection(RejectReason.NOT_JSON, firstLine(e.getMessage()));
    }
  }

  /**
   * Reads the object as {@link #readObject} does, but builds only the members {@code members} names
   * and skips the others without making their strings: a member mapped to null is built whole, one
   * mapped to a set of names is built, when it is an object, with only those members of its own.
   * The members built are equal to those {@link #readObject} builds. A payload this reading refuses
   * is read again by {@link #readObject}, so every rejection keeps its reason and detail; the
   * reading here refuses at least every payload {@link #readObject} refuses: a control byte sends
   * the payload to {@link #readObject} straight away (gson's skipping does not refuse unescaped
   * control characters in strings), and gson's own nesting limit is exactly {@code maxDepth}.
   */
  JsonObject readMembers(byte[] payload, Map<String, Set<String>> members) throws PayloadRejection {
    if (payload == null || payload.length == 0 || payload.length > maxBytes) {
      return readObject(payload);
    }
    boolean ascii = true;
    for (byte b : payload) {
      if (b >= 0 && b < 0x20) {
        return readObject(payload);
      }
      ascii &= b >= 0;
    }
    try {
      JsonReader reader = ascii ? open(payload, maxDepth, true) : open(payload, maxDepth);
      if (reader.peek() != JsonToken.BEGIN_OBJECT) {
        return readObject(payload);
      }
      JsonObject object = readMembers(reader, members, 0);
      if (reader.peek() != JsonToken.END_DOCUMENT) {
        return readObject(payload);
      }
      return object;
    } catch (IOException | IllegalStateException | NumberFormatException | PayloadRejection e) {
      return readObject(payload);
    }
  }

  private JsonObject readMembers(JsonReader reader, Map<String, Set<String>> members, int depth)
      throws IOException, PayloadRejection {
    JsonObject object = new JsonObject();
    reader.beginObject();
    while (reader.hasNext()) {
      String name = reader.nextName();
      if (!members.containsKey(name)) {
        reader.skipValue();
        continue;
      }
      Set<String> inner = members.get(name);
      object.add(
          name,
          inner != null && reader.peek() == JsonToken.BEGIN_OBJECT
              ? readNamed(reader, inner, depth + 1)
              : read(reader, depth + 1));
    }
    reader.endObject();
    return object;
  }

  private JsonObject readNamed(JsonReader reader, Set<String> names, int depth)
      throws IOException, PayloadRejection {
    JsonObject object = new JsonObject();
    reader.beginObject();
    while (reader.hasNext()) {
      String name = reader.nextName();
      if (names.contains(name)) {
        object.add(name, read(reader, depth + 1));
      } else {
        reader.skipValue();
      }
    }
    reader.endObject();
    return object;
  }

  private static boolean hasControlByte(byte[] payload) {
    for (byte b : payload) {
      if (b >= 0 && b < 0x20) {
        return true;
      }
    }
    return false;
  }

  /**
   * A strict reader of the payload whose nesting limit is exactly {@code maxDepth}, the bound
   * {@link #readObject} enforces itself; {@code ascii} says the payload is known to be ASCII.
   */
  JsonReader openBounded(byte[] payload, boolean ascii) throws PayloadRejection {
    return open(payload, maxDepth, ascii);
  }

  private JsonReader open(byte[] payload, int nestingLimit) throws PayloadRejection {
    return open(payload, nestingLimit, false);
  }

  /**
   * A strict reader of the payload, which must be neither empty nor too large; {@code ascii} says
   * the payload is known to be ASCII, which needs no decoding (and cannot be invalid UTF-8).
   */
  private JsonReader open(byte[] payload, int nestingLimit, boolean ascii) throws PayloadRejection {
    if (payload == null || payload.length == 0) {
      throw new PayloadRejection(RejectReason.EMPTY, "the payload has no bytes");
    }
    if (payload.length > maxBytes) {
      throw new PayloadRejection(
          RejectReason.TOO_LARGE,
          "the payload has " + payload.length + " bytes; the limit is " + maxBytes);
    }
    String text = ascii ? new String(payload, StandardCharsets.ISO_8859_1) : decode(payload);
    if (text.isBlank()) {
      throw new PayloadRejection(RejectReason.EMPTY, "the payload is only whitespace");
    }
    JsonReader reader = new JsonReader(new StringReader(text));
    reader.setStrictness(Strictness.STRICT);
    reader.setNestingLimit(nestingLimit);
    return reader;
  }

  private static void requireEnd(JsonReader reader) throws IOException, PayloadRejection {
    if (reader.peek() != JsonToken.END_DOCUMENT) {
      throw new PayloadRejection(
          RejectReason.NOT_JSON, "unexpected content after the JSON value at " + where(reader));
    }
  }

  private String decode(byte[] payload) throws PayloadRejection {
    int start = startsWithBom(payload) ? UTF8_BOM.length : 0;
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(payload, start, payload.length - start))
          .toString();
    } catch (CharacterCodingException e) {
      throw new PayloadRejection(
          RejectReason.INVALID_UTF8, "the payload is not valid UTF-8 (" + e.getMessage() + ")");
    }
  }

  private static boolean startsWithBom(byte[] payload) {
    return payload.length >= 3
        && payload[0] == UTF8_BOM[0]
        && payload[1] == UTF8_BOM[1]
        && payload[2] == UTF8_BOM[2];
  }

  /**
   * Builds the value at the reader as {@link #readObject} builds it, {@code depth} being the
   * nesting level of the container holding the value (the root object's members are at 1).
   */
  JsonElement read(JsonReader reader, int depth) throws IOException, PayloadRejection {
    JsonToken token = reader.peek();
    switch (token) {
      case BEGIN_OBJECT -> {
        checkDepth(depth + 1, reader);
        JsonObject object = new JsonObject();
        reader.beginObject();
        while (reader.hasNext()) {
          String name = reader.nextName();
          object.add(name, read(reader, depth + 1));
        }
        reader.endObject();
        return object;
      }
      case BEGIN_ARRAY -> {
        checkDepth(depth + 1, reader);
        JsonArray array = new JsonArray();
        reader.beginArray();
        while (reader.hasNext()) {
          array.add(read(reader, depth + 1));
        }
        reader.endArray();
        return array;
      }
      case STRING -> {
        return new JsonPrimitive(reader.nextString());
      }
      case NUMBER -> {
        return new JsonPrimitive(new LazilyParsedNumber(reader.nextString()));
      }
      case BOOLEAN -> {
        return new JsonPrimitive(reader.nextBoolean());
      }
      case NULL -> {
        reader.nextNull();
        return JsonNull.INSTANCE;
      }
      default ->
          throw new PayloadRejection(
              RejectReason.NOT_JSON, "unexpected " + token + " at " + where(reader));
    }
  }

  private void checkDepth(int depth, JsonReader reader) throws PayloadRejection {
    if (depth > maxDepth) {
      throw new PayloadRejection(
          RejectReason.TOO_DEEP, "nesting exceeds " + maxDepth + " levels at " + where(reader));
    }
  }

  private static String where(JsonReader reader) {
    String path = reader.getPath();
    return path.length() > 200 ? path.substring(0, 200) + "..." : path;
  }

  private static String kind(JsonElement element) {
    if (element.isJsonArray()) {
      return "an array";
    }
    if (element.isJsonNull()) {
      return "null";
    }
    JsonPrimitive primitive = element.getAsJsonPrimitive();
    if (primitive.isString()) {
      return "a string";
    }
    return primitive.isNumber() ? "a number" : "a boolean";
  }

  private static String firstLine(String message) {
    if (message == null) {
      return "malformed JSON";
    }
    int newline = message.indexOf('\n');
    return newline < 0 ? message : message.substring(0, newline);
  }
}
