package dev.loggardener.normalize;

import dev.loggardener.logentry.StackFrame;
import dev.loggardener.logentry.StackTrace;
import java.util.ArrayList;
import java.util.List;

/**
 * The grouping signature of a stack trace: exception type plus the innermost in-app frames, without
 * line numbers, the way Error Reporting and Sentry group errors.
 *
 * <p>Library frames (JDK, Spring, Netty, Python {@code site-packages}, {@code node_modules}, the Go
 * runtime ...) are discounted: they are used only when a trace has no in-app frame at all. A frame
 * equal to one already taken is skipped, which collapses recursion. Digit runs after a {@code $}
 * (compiler-generated lambda and proxy names) are dropped, since they change between builds.
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

  private StackSignature() {}

  static String of(StackTrace trace) {
    List<String> inApp = new ArrayList<>();
    List<String> any = new ArrayList<>();
    for (StackFrame frame : trace.frames()) {
      String name = frameName(frame);
      if (name.isEmpty()) {
        continue;
      }
      if (!isLibrary(frame) && inApp.size() < FRAMES && !inApp.contains(name)) {
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

  static boolean isLibrary(StackFrame frame) {
    String module = frame.module();
    if (module != null) {
      for (String prefix : LIBRARY_MODULE_PREFIXES) {
        if (module.startsWith(prefix)) {
          return true;
        }
      }
    }
    String file = frame.file();
    if (file != null) {
      String path = file.replace('\\', '/');
      for (String part : LIBRARY_PATH_PARTS) {
        if (path.contains(part)) {
          return true;
        }
      }
    }
    return false;
  }

  private static String nullToEmpty(String s) {
    return s == null ? "" : s;
  }
}
