package dev.loggardener.logentry;

import java.io.Serializable;

/**
 * One frame of a stack trace.
 *
 * @param module the module, package or class, or null
 * @param function the function or method, or null
 * @param file the source file, or null
 * @param line the line number, or null
 */
public record StackFrame(String module, String function, String file, Long line)
    implements Serializable {}
