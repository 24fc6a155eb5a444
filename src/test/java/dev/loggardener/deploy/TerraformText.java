package dev.loggardener.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The Terraform root under deploy/terraform read as text: its files without comments, and the
 * values of its string locals ({@code "..."} or {@code join("SEP", ["...", ...])}) with every
 * {@code ${local.x}} of another string local substituted, so a test sees a monitoring filter or a
 * query as Cloud Monitoring will. Interpolations of variables and resource attributes stay as
 * written; they are known only at apply time.
 */
final class TerraformText {
  static final Path ROOT = Path.of("deploy", "terraform");
  private static final String STRING = "\"((?:[^\"\\\\]|\\\\.)*)\"";
  private static final Pattern STRING_LITERAL = Pattern.compile(STRING);
  private static final Pattern STRING_LOCAL =
      Pattern.compile("(?m)^  ([a-z0-9_]+)\\s*=\\s*" + STRING + "\\s*$");
  private static final Pattern JOIN_LOCAL =
      Pattern.compile(
          "(?ms)^  ([a-z0-9_]+)\\s*=\\s*join\\(" + STRING + ",\\s*\\[(.*?)^  \\]\\)\\s*$");
  private static final Pattern LOCAL_INTERPOLATION =
      Pattern.compile("\\$\\{local\\.([a-z0-9_]+)\\}");
  private static final Pattern LOCAL_REFERENCE = Pattern.compile("^local\\.([a-z0-9_]+)$");

  private final Map<String, String> files = new LinkedHashMap<>();
  private final Map<String, String> stringLocals = new LinkedHashMap<>();

  private TerraformText() {}

  /** Reads every *.tf file of the root. */
  static TerraformText load() {
    TerraformText terraform = new TerraformText();
    try (Stream<Path> list = Files.list(ROOT)) {
      for (Path file : list.filter(f -> f.toString().endsWith(".tf")).sorted().toList()) {
        terraform.files.put(file.getFileName().toString(), HclText.withoutComments(read(file)));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    for (String text : terraform.files.values()) {
      for (HclText.Block locals : HclText.blocks(text, Pattern.compile("(?m)^locals"))) {
        String body = locals.body() + "\n";
        STRING_LOCAL.matcher(body).results().forEach(m -> terraform.put(m.group(1), m.group(2)));
        JOIN_LOCAL
            .matcher(body)
            .results()
            .forEach(
                m -> {
                  List<String> parts = new ArrayList<>();
                  STRING_LITERAL.matcher(m.group(3)).results().forEach(p -> parts.add(p.group(1)));
                  terraform.put(m.group(1), String.join(m.group(2), parts));
                });
      }
    }
    return terraform;
  }

  /** The text of one file, without comments. */
  String file(String name) {
    String text = files.get(name);
    if (text == null) {
      throw new IllegalArgumentException("no " + name + " in " + ROOT);
    }
    return text;
  }

  /** Every file's text, without comments, joined. */
  String all() {
    return String.join("\n", files.values());
  }

  /**
   * The value of an expression that is a string literal or a reference to a string local, with the
   * string locals it interpolates substituted; empty when it is neither.
   */
  Optional<String> stringValue(String expression) {
    String trimmed = expression.trim();
    Matcher reference = LOCAL_REFERENCE.matcher(trimmed);
    if (reference.matches()) {
      return Optional.ofNullable(stringLocals.get(reference.group(1))).map(this::resolve);
    }
    Matcher literal = STRING_LITERAL.matcher(trimmed);
    if (literal.matches()) {
      return Optional.of(resolve(unescape(literal.group(1))));
    }
    return Optional.empty();
  }

  private void put(String name, String escaped) {
    if (stringLocals.put(name, unescape(escaped)) != null) {
      throw new IllegalStateException("local." + name + " is declared twice");
    }
  }

  private String resolve(String value) {
    String resolved = value;
    for (int depth = 0; depth < 10; depth++) {
      Matcher interpolation = LOCAL_INTERPOLATION.matcher(resolved);
      StringBuilder out = new StringBuilder();
      boolean changed = false;
      while (interpolation.find()) {
        String local = stringLocals.get(interpolation.group(1));
        if (local != null) {
          changed = true;
        }
        interpolation.appendReplacement(
            out, Matcher.quoteReplacement(local == null ? interpolation.group() : local));
      }
      interpolation.appendTail(out);
      resolved = out.toString();
      if (!changed) {
        return resolved;
      }
    }
    throw new IllegalStateException("string locals interpolate each other in a cycle: " + value);
  }

  private static String unescape(String escaped) {
    StringBuilder out = new StringBuilder(escaped.length());
    for (int i = 0; i < escaped.length(); i++) {
      char c = escaped.charAt(i);
      if (c == '\\' && i + 1 < escaped.length()) {
        char next = escaped.charAt(++i);
        out.append(
            switch (next) {
              case 'n' -> '\n';
              case 't' -> '\t';
              default -> next;
            });
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }

  static String read(Path file) {
    try {
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
