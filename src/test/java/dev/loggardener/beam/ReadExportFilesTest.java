package dev.loggardener.beam;

import static org.junit.Assert.assertEquals;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.zip.GZIPOutputStream;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.TypeDescriptors;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;
import org.junit.runner.RunWith;
import org.junit.runners.JUnit4;

/** ReadExportFiles: sliced NDJSON, whole gzip and JSON-array files, every entry exactly once. */
@RunWith(JUnit4.class)
public class ReadExportFilesTest {
  @Rule public final transient TestPipeline p = TestPipeline.create();
  @Rule public final transient TemporaryFolder folder = new TemporaryFolder();

  @Test
  public void slicedFilesYieldEveryEntryOnceWithDistinctTraceableIds() throws IOException {
    Path dir = folder.getRoot().toPath();
    List<String> expected = new ArrayList<>();
    StringBuilder ndjson = new StringBuilder();
    for (int i = 0; i < 300; i++) {
      String entry = "{\"insertId\":\"e" + i + "\",\"textPayload\":\"" + "x".repeat(i % 97) + "\"}";
      expected.add(entry);
      ndjson.append(entry).append(i % 10 == 0 ? "\r\n\n" : "\n");
    }
    Files.writeString(dir.resolve("a.jsonl"), ndjson);
    List<String> array = List.of("{\"insertId\":\"arr0\"}", "{\"insertId\":\"arr1\"}");
    Files.writeString(dir.resolve("b.json"), "[\n  " + String.join(",\n  ", array) + "\n]\n");
    expected.addAll(array);
    try (OutputStream gz = new GZIPOutputStream(Files.newOutputStream(dir.resolve("c.gz")))) {
      gz.write("{\"insertId\":\"gz0\"}\n{\"insertId\":\"gz1\"}\n".getBytes(StandardCharsets.UTF_8));
    }
    expected.add("{\"insertId\":\"gz0\"}");
    expected.add("{\"insertId\":\"gz1\"}");

    PCollection<RawMessage> read =
        p.apply(ReadExportFiles.matching(dir + "/*").withSliceBytes(1000));
    PAssert.that(
            read.apply(
                "Payloads",
                MapElements.into(TypeDescriptors.strings())
                    .via(m -> new String(m.payload(), StandardCharsets.UTF_8))))
        .containsInAnyOrder(expected);
    PAssert.that(
            read.apply(
                "MessageIds",
                MapElements.into(TypeDescriptors.strings()).via(RawMessage::messageId)))
        .satisfies(
            ids -> {
              Set<String> distinct = new HashSet<>();
              int sliced = 0;
              for (String id : ids) {
                distinct.add(id);
                sliced += id.matches(".*a\\.jsonl@\\d+#\\d+") ? 1 : 0;
              }
              assertEquals("every id distinct", expected.size(), distinct.size());
              assertEquals("the large NDJSON file is read in slices", 300, sliced);
              return null;
            });
    p.run().waitUntilFinish();
  }

  @Test(expected = IllegalArgumentException.class)
  public void refusesASliceSizeBelowOneByte() {
    ReadExportFiles.matching("/tmp/none").withSliceBytes(0);
  }
}
