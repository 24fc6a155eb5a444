package dev.loggardener.normalize;

import dev.loggardener.logentry.StackFrame;
import dev.loggardener.logentry.StackTrace;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The grouping signature of a stack trace: exception type plus the innermost in-app frames, without
 * line numbers, the way Error Reporting and Sentry group errors.
 *
 * <p>Library frames (JDK, Spring, Netty, Python {@code site-packages}, {@code node_modules}, the Go
 * runtime, .NET's {@code System.} and {@code Microsoft.} namespaces and its dynamic methods, Ruby
 * gems and standard library, PHP's {@code vendor/} ...) are discounted: they are used only when a
 * trace has no in-app frame at all. A frame equal to one already taken is skipped, which collapses
 * recursion. Digit runs after a {@code $} (compiler-generated lambda and proxy names) are dropped,
 * since they change between builds; in .NET names, every digit run from the first {@code <} on
 * ({@code <Main>b__0_1}, {@code <>c__DisplayClass3_0}) and the counter of a {@code lambda_method12}
 * are dropped for the same reason, and so are, in Ruby names, digit runs after an underscore (the
 * per-process suffix of a compiled template, {@code _app_views_show_html_erb__32274830_71420}). PHP
 * frames without a file are PHP's built-in functions, and count as library frames.
 */
final class StackSignature {
  /** How many frames take part in the signature. */
  static final int FRAMES = 3;

  private static final List<String> LIBRARY_MODULE_PREFIXES =
      List.of(
          "java.",
          "javax.",
          "jakarta.",
          "sun.",
          "com.sun.",
          "jdk.",
          "kotlin.",
          "kotlinx.",
          "scala.",
          "org.springframework.",
          "org.apache.",
          "io.netty.",
          "reactor.",
          "io.grpc.",
          "com.google.",
          "org.hibernate.",
          "org.eclipse.jetty.",
          "okhttp3.",
          "net.bytebuddy.");
  private static final List<String> LIBRARY_PATH_PARTS =
      List.of(
          "site-packages/",
          "dist-packages/",
          "node_modules/",
          "node:internal",
          "internal/",
          "runtime/",
          "/usr/lib/python",
          "/usr/local/lib/python",
          "<frozen ",
          "/usr/local/go/src/",
          "/go/pkg/mod/",
          "/lib/python3");

  /** Library frames of the languages whose traces are parsed besides the four above. */
  private static final Map<String, List<String>> LANGUAGE_MODULE_PREFIXES =
      Map.of("dotnet", List.of("System.", "Microsoft."));

  private static final Map<String, List<String>> LANGUAGE_PATH_PARTS =
      Map.of(
          "ruby", List.of("/gems/", "/lib/ruby/", "<internal:"),
          "php", List.of("/vendor/"));

  /** .NET's expression-tree and dynamic-method frames: runtime-generated, with no source. */
  private static final String DYNAMIC_METHOD = "lambda_method";

  private StackSignature() {}

  static String of(StackTrace trace) {
    List<String> inApp = new ArrayList<>();
    List<String> any = new ArrayList<>();
    for (StackFrame frame : trace.frames()) {
      String name = stripRuntimeGeneratedNumbers(trace.language(), frameName(frame));
      if (name.isEmpty()) {
        continue;
      }
      if (!isLibrary(trace.language(), frame) && inApp.size() < FRAMES && !inApp.contains(name)) {
        inApp.add(name);
      }
      if (any.size() < FRAMES && !any.contains(name)) {
        any.add(name);
      }
    }
    List<String> frames = inApp.isEmpty() ? any : inApp;
    StringBuilder out = new StringBuilder(trace.exceptionType());
    if (!frames.isEmpty()) {
      out.append(" at ").append(String.join(" < ", frames));
    }
    return out.toString();
  }

  private static String frameName(StackFrame frame) {
    String place = frame.module() != null ? frame.module() : nullToEmpty(frame.file());
    String function = nullToEmpty(frame.function());
    String name = place.isEmpty() ? function : function.isEmpty() ? place : place + "." + function;
    return stripGeneratedNumbers(name);
  }

  private static String stripGeneratedNumbers(String name) {
    if (name.indexOf('$') < 0) {
      return name;
    }
    StringBuilder out = new StringBuilder(name.length());
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      out.append(c);
      if (c == '$') {
        while (i + 1 < name.length() && Character.isDigit(name.charAt(i + 1))) {
          i++;
        }
      }
    }
    return out.toString();
  }

  private static String stripRuntimeGeneratedNumbers(String language, String name) {
    return switch (language) {
      case "dotnet" -> stripDotNetGeneratedNumbers(name);
      case "ruby" -> stripDigitsAfterUnderscores(name);
      default -> name;
    };
  }

  private static String stripDotNetGeneratedNumbers(String name) {
    int generated = name.indexOf('<');
    if (generated < 0) {
      generated = name.startsWith(DYNAMIC_METHOD) ? DYNAMIC_METHOD.length() : name.length();
    }
    StringBuilder out = new StringBuilder(name.length()).append(name, 0, generated);
    for (int i = generated; i < name.length(); i++) {
      if (!Character.isDigit(name.charAt(i))) {
        out.append(name.charAt(i));
      }
    }
    return out.toString();
  }

  private static String stripDigitsAfterUnderscores(String name) {
    StringBuilder out = new StringBuilder(name.length());
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      boolean generated = Character.isDigit(c) && out.length() > 0 && last(out) == '_';
      while (generated && i + 1 < name.length() && Character.isDigit(name.charAt(i + 1))) {
        i++;
      }
      if (!generated) {
        out.append(c);
      }
    }
    return out.toString();
  }

  private static char last(StringBuilder text) {
    return text.charAt(text.length() - 1);
  }

  static boolean isLibrary(String language, StackFrame frame) {
    String module = frame.module();
    if (module != null
        && (startsWithAny(module, LIBRARY_MODULE_PREFIXES)
            || startsWithAny(module, LANGUAGE_MODULE_PREFIXES.getOrDefault(language, List.of())))) {
      return true;
    }
    if (module == null
        && language.equals("dotnet")
        && frame.function() != null
        && frame.function().startsWith(DYNAMIC_METHOD)) {
      return true;
    }
    String file = frame.file();
    if (file == null && language.equals("php")) {
      return true;
    }
    if (file != null) {
      String path = file.replace('\\', '/');
      return containsAny(path, LIBRARY_PATH_PARTS)
          || containsAny(path, LANGUAGE_PATH_PARTS.getOrDefault(language, List.of()));
    }
    return false;
  }

  private static boolean startsWithAny(String text, List<String> prefixes) {
    for (String prefix : prefixes) {
      if (text.startsWith(prefix)) {
        return true;
      }
    }
    return false;
  }

  private static boolean containsAny(String text, List<String> parts) {
    for (String part : parts) {
      if (text.contains(part)) {
        return true;
      }
    }
    return false;
  }

  private static String nullToEmpty(String s) {
    return s == null ? "" : s;
  }
}
