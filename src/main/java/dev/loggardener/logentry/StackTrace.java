package dev.loggardener.logentry;

import java.io.Serializable;
import java.util.List;
import java.util.Objects;

/**
 * A stack trace found in an entry's message, reduced to its innermost cause.
 *
 * @param language the language whose trace format matched: python, java, go, node, dotnet, ruby or
 *     php
 * @param exceptionType the innermost cause's exception type, e.g. {@code java.io.IOException}
 * @param exceptionMessage the innermost cause's message, or empty
 * @param frames the innermost cause's frames, innermost call first for every language
 */
public record StackTrace(
    String language, String exceptionType, String exceptionMessage, List<StackFrame> frames)
    implements Serializable {
  public StackTrace {
    Objects.requireNonNull(language, "language");
    Objects.requireNonNull(exceptionType, "exceptionType");
    exceptionMessage = exceptionMessage == null ? "" : exceptionMessage;
    frames = List.copyOf(frames);
  }
}
