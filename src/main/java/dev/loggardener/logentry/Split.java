package dev.loggardener.logentry;

import java.io.Serializable;

/**
 * Marks one part of an entry that Cloud Logging split because it was too large.
 *
 * @param uid the id shared by all parts
 * @param index this part's position, from 0
 * @param totalSplits how many parts there are
 */
public record Split(String uid, int index, int totalSplits) implements Serializable {}
