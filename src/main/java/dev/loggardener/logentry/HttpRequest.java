package dev.loggardener.logentry;

import java.io.Serializable;

/**
 * The request an access-log entry describes.
 *
 * @param method the HTTP method, or null
 * @param path the URL path without query string, or null
 * @param status the response status, or null
 * @param latencyMillis the latency in milliseconds, or null
 */
public record HttpRequest(String method, String path, Integer status, Double latencyMillis)
    implements Serializable {}
