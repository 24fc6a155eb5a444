package dev.loggardener.jobs;

import dev.loggardener.beam.NormalizeEntries;
import dev.loggardener.beam.NormalizedEntry;
import dev.loggardener.beam.NormalizedEntryCoder;
import dev.loggardener.beam.ParsedEntry;
import dev.loggardener.beam.RawMessage;
import dev.loggardener.logentry.ExportReader;
import dev.loggardener.logentry.LogEntryParser;
import dev.loggardener.logentry.ParseResult;
import dev.loggardener.logentry.PublicSamples;
import dev.loggardener.normalize.Findings;
import dev.loggardener.normalize.Fingerprint;
import dev.loggardener.normalize.Fingerprinter;
import dev.loggardener.normalize.RuleSet;
import dev.loggardener.scenario.BundledSample;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;

/**
 * Writes everything the stream path's per-element work produces for a fixed set of inputs, so that
 * two builds can be compared byte for byte: for each message the parse result (the parsed entry, or
 * the reject reason and detail), the event time read alone, the coded {@link NormalizedEntry} (raw
 * message, entry identity, observation with fingerprint id, template and redacted message), the
 * redaction counts, and {@link Fingerprinter#fingerprintMessage} of the message text.
 *
 * <p>Inputs: the public samples, the bundled sample, the hostile messages of {@link
 * HostileInputPipelineTest}, seeded byte-level mutations of the public samples and the bundled
 * sample, and any files given as arguments. Run from the project root, once per build, and compare
 * the files:
 *
 * <pre>
 * java -cp target/test-classes:target/classes:$(cat /tmp/cp.txt) \
 *   dev.loggardener.jobs.StreamPathDigest OUT.txt [FILE ...]
 * </pre>
 */
public final class StreamPathDigest {
  private static final int HOSTILE = 20_000;
  private static final int MUTATIONS = 40_000;
  private static final String[] INSERTS = {
    "{",
    "}",
    "[",
    "]",
    "\"",
    ",",
    ":",
    "\\",
    "\\u",
    "\\n",
    "\u0000",
    "\n",
    "\t",
    " ",
    "é",
    "\ud83d\ude00",
    "null",
    "1e400",
    "\"x\"",
    "{}",
    "[]",
    "\\u0001",
    "\u0085",
    "%2F",
    "\\\\"
  };

  private StreamPathDigest() {}

  public static void main(String[] args) throws Exception {
    LogEntryParser parser = new LogEntryParser();
    Fingerprinter fingerprinter = new Fingerprinter(RuleSet.loadDefault());
    MessageDigest total = MessageDigest.getInstance("SHA-256");
    try (Writer out = Files.newBufferedWriter(Path.of(args[0]), StandardCharsets.UTF_8)) {
      List<byte[]> publicSamples = new ArrayList<>();
      for (String line : PublicSamples.lines()) {
        publicSamples.add(line.getBytes(StandardCharsets.UTF_8));
      }
      List<byte[]> bundled = read(Path.of(BundledSample.PATH));
      write("public", publicSamples, Map.of(), parser, fingerprinter, out, total);
      write("bundled", bundled, Map.of(), parser, fingerprinter, out, total);
      HostileMessages hostile =
          new HostileMessages(20261128L, HostileInputPipelineTest.baseLines());
      List<byte[]> hostileMessages = new ArrayList<>();
      for (int i = 0; i < HOSTILE; i++) {
        hostileMessages.add(hostile.message(i).payload());
      }
      write("hostile", hostileMessages, Map.of(), parser, fingerprinter, out, total);
      List<byte[]> bases = new ArrayList<>(publicSamples);
      bases.addAll(bundled);
      write("mutated", mutations(bases), Map.of(), parser, fingerprinter, out, total);
      Map<String, String> sink =
          Map.of(LogEntryParser.TIMESTAMP_ATTRIBUTE, "2025-09-11T12:00:00.123456Z");
      write("mutated+attribute", mutations(bases), sink, parser, fingerprinter, out, total);
      for (int i = 1; i < args.length; i++) {
        write(args[i], read(Path.of(args[i])), sink, parser, fingerprinter, out, total);
      }
    }
    System.out.println("all: " + HexFormat.of().formatHex(total.digest()));
  }

  /** The text with every character outside printable ASCII escaped, so lone surrogates survive. */
  private static String ascii(CharSequence text) {
    StringBuilder out = new StringBuilder(text.length());
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c >= 0x20 && c < 0x7F && c != '\\') {
        out.append(c);
      } else {
        out.append(String.format("\\u%04x", (int) c));
      }
    }
    return out.toString();
  }

  private static List<byte[]> read(Path file) throws IOException {
    List<byte[]> payloads = new ArrayList<>();
    try (InputStream in = Files.newInputStream(file);
        ExportReader reader = ExportReader.open(in)) {
      reader.forEachRemaining(payloads::add);
    }
    return payloads;
  }

  private static List<byte[]> mutations(List<byte[]> bases) {
    SplittableRandom random = new SplittableRandom(20261206L);
    List<byte[]> mutated = new ArrayList<>(MUTATIONS);
    for (int i = 0; i < MUTATIONS; i++) {
      byte[] input = bases.get(random.nextInt(bases.size()));
      for (int m = 1 + random.nextInt(3); m > 0; m--) {
        input = mutate(input, random);
      }
      mutated.add(input);
    }
    return mutated;
  }

  private static byte[] mutate(byte[] input, SplittableRandom random) {
    int at = input.length == 0 ? 0 : random.nextInt(input.length);
    int cut = Math.min(input.length - at, random.nextInt(3) == 0 ? random.nextInt(40) : 0);
    byte[] insert =
        random.nextInt(8) == 0
            ? new byte[] {(byte) random.nextInt(256)}
            : INSERTS[random.nextInt(INSERTS.length)].getBytes(StandardCharsets.UTF_8);
    ByteArrayOutputStream out = new ByteArrayOutputStream(input.length + insert.length);
    out.write(input, 0, at);
    out.write(insert, 0, insert.length);
    out.write(input, at + cut, input.length - at - cut);
    return out.toByteArray();
  }

  private static void write(
      String name,
      List<byte[]> payloads,
      Map<String, String> attributes,
      LogEntryParser parser,
      Fingerprinter fingerprinter,
      Writer out,
      MessageDigest total)
      throws IOException, NoSuchAlgorithmException {
    MessageDigest digest = MessageDigest.getInstance("SHA-256");
    ByteArrayOutputStream coded = new ByteArrayOutputStream();
    int parsedCount = 0;
    for (int i = 0; i < payloads.size(); i++) {
      RawMessage raw = new RawMessage(payloads.get(i), attributes, name + "#" + i);
      StringBuilder line = new StringBuilder().append(name).append('#').append(i).append(' ');
      ParseResult result = parser.parse(raw.payload(), raw.attributes());
      line.append(parser.eventTime(raw.payload(), raw.attributes())).append(' ');
      if (result instanceof ParseResult.Parsed parsed) {
        parsedCount++;
        // Labels in key order: the entry's own map iterates in an order that varies between JVMs.
        line.append(
                parsed
                    .entry()
                    .toString()
                    .replace(
                        "labels=" + parsed.entry().labels(),
                        "labels=" + new TreeMap<>(parsed.entry().labels())))
            .append(' ');
        Findings findings = new Findings();
        try {
          NormalizedEntry normalized =
              NormalizeEntries.normalize(
                  new ParsedEntry(raw, parsed.entry()), fingerprinter, findings);
          coded.reset();
          NormalizedEntryCoder.of().encode(normalized, coded);
          line.append(HexFormat.of().formatHex(coded.toByteArray()));
          line.append(' ').append(findings.counts());
        } catch (RuntimeException e) {
          line.append("failed: ").append(e);
        }
        Fingerprint message = fingerprinter.fingerprintMessage(parsed.entry().message());
        line.append(' ').append(message);
      } else {
        ParseResult.Rejected rejected = (ParseResult.Rejected) result;
        line.append("rejected ").append(rejected.reason().code()).append(": ");
        line.append(rejected.detail());
      }
      String text = ascii(line) + "\n";
      out.write(text);
      digest.update(text.getBytes(StandardCharsets.UTF_8));
    }
    byte[] hash = digest.digest();
    total.update(hash);
    System.out.printf(
        "%s: %d messages, %d parsed, %s%n",
        name, payloads.size(), parsedCount, HexFormat.of().formatHex(hash));
  }
}
