package dev.loggardener.logentry;

import java.io.Serializable;

/**
 * Where in the code an entry was written.
 *
 * @param file the source file, or null
 * @param line the line number, or null when absent or not a number
 * @param function the function or method, or null
 */
public record SourceLocation(String file, Long line, String function) implements Serializable {}
