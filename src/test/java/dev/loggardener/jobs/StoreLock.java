package dev.loggardener.jobs;

import dev.loggardener.store.DuckDbStore;
import java.nio.file.Path;

/**
 * Holds a DuckDB store open for writing in a process of its own, as another writer or a {@code
 * duckdb} shell would, until its standard input closes. Prints {@code locked} once it holds the
 * file.
 */
public final class StoreLock {
  private StoreLock() {}

  public static void main(String[] args) throws Exception {
    try (DuckDbStore store = DuckDbStore.open(Path.of(args[0]))) {
      System.out.println("locked");
      System.out.flush();
      while (System.in.read() >= 0) {
        // Holds the lock until the test closes this process's standard input.
      }
    }
  }
}
