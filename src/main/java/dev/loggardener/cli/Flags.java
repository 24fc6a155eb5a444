package dev.loggardener.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A small {@code --name value} parser that also writes each command's {@code --help}.
 *
 * <p>Declare every flag first, then {@link #parse}; unknown flags and missing values are usage
 * errors that name the flag and point at {@code --help}.
 */
public final class Flags {
  private final String usage;
  private final String description;
  private final Map<String, Spec> specs = new LinkedHashMap<>();
  private final Map<String, String> values = new LinkedHashMap<>();

  private record Spec(String name, String valueName, String help, String defaultValue) {
    boolean isSwitch() {
      return valueName == null;
    }
  }

  /** Thrown for a command line that cannot be understood; its message is meant for the user. */
  public static final class UsageException extends Exception {
    public UsageException(String message) {
      super(message);
    }
  }

  public Flags(String usage, String description) {
    this.usage = usage;
    this.description = description;
  }

  /** Declares a flag that takes a value. */
  public Flags option(String name, String valueName, String help, String defaultValue) {
    specs.put(name, new Spec(name, valueName, help, defaultValue));
    return this;
  }

  /** Declares a flag without a value. */
  public Flags toggle(String name, String help) {
    specs.put(name, new Spec(name, null, help, null));
    return this;
  }

  /**
   * Parses the arguments.
   *
   * @return false when {@code --help} was given, after printing the help to {@code out}
   */
  public boolean parse(String[] args, java.io.PrintStream out) throws UsageException {
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      if (arg.equals("--help") || arg.equals("-h")) {
        out.print(help());
        return false;
      }
      if (!arg.startsWith("--")) {
        throw new UsageException("unexpected argument '" + arg + "'; see --help");
      }
      String name = arg.substring(2);
      String value = null;
      int eq = name.indexOf('=');
      if (eq >= 0) {
        value = name.substring(eq + 1);
        name = name.substring(0, eq);
      }
      Spec spec = specs.get(name);
      if (spec == null) {
        throw new UsageException("unknown option --" + name + "; see --help");
      }
      if (spec.isSwitch()) {
        values.put(name, value == null ? "true" : value);
        continue;
      }
      if (value == null) {
        if (i + 1 >= args.length) {
          throw new UsageException("--" + name + " needs a value (" + spec.valueName() + ")");
        }
        value = args[++i];
      }
      values.put(name, value);
    }
    return true;
  }

  /** The flag's value, or its default, or empty. */
  public Optional<String> get(String name) {
    Spec spec = specs.get(name);
    if (spec == null) {
      throw new IllegalArgumentException("undeclared flag " + name);
    }
    return Optional.ofNullable(values.getOrDefault(name, spec.defaultValue()));
  }

  /** The flag's value, or a usage error naming it. */
  public String require(String name) throws UsageException {
    return get(name)
        .orElseThrow(() -> new UsageException("--" + name + " is required; see --help"));
  }

  /** Whether a switch was given. */
  public boolean isSet(String name) {
    return get(name).map(Boolean::parseBoolean).orElse(false);
  }

  /** The flag's value as a whole number, or a usage error naming it. */
  public Optional<Long> getLong(String name) throws UsageException {
    Optional<String> raw = get(name);
    if (raw.isEmpty()) {
      return Optional.empty();
    }
    try {
      return Optional.of(Long.parseLong(raw.get().trim()));
    } catch (NumberFormatException e) {
      throw new UsageException("--" + name + " must be a whole number, got '" + raw.get() + "'");
    }
  }

  /** The text that {@code --help} prints. */
  public String help() {
    StringBuilder text = new StringBuilder();
    text.append("Usage: ")
        .append(usage)
        .append("\n\n")
        .append(description)
        .append("\n\nOptions:\n");
    List<String> lines = new ArrayList<>();
    for (Spec spec : specs.values()) {
      String head = "  --" + spec.name() + (spec.isSwitch() ? "" : " " + spec.valueName());
      String tail =
          spec.help()
              + (spec.defaultValue() == null ? "" : " (default: " + spec.defaultValue() + ")");
      lines.add(String.format("%-28s %s%n", head, tail));
    }
    lines.add(String.format("%-28s %s%n", "  --help", "Show this help and exit."));
    lines.forEach(text::append);
    return text.toString();
  }
}
