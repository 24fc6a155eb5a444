package dev.loggardener.worklog;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Log lines that try to inject Markdown or HTML come out inert in both renderings. */
class HostileMessagesTest {
  private static final String FENCE_BREAK =
      "boom\n```\n# Owned\n<script>alert(1)</script>\n[click me](https://evil.test)";
  private static final List<String> HOSTILE =
      List.of(
          FENCE_BREAK,
          "col | injected | cells | <img src=x onerror=alert(1)>",
          "## Fake heading\r\n- fake list item",
          "````` five backticks ` and one",
          "![tracker](https://evil.test/pixel.png) **bold** _it_ &amp; &#60;");
  private static final Pattern HEADING =
      Pattern.compile(
          "^(# Log Gardener Worklog - |## (Executive Summary|Issue #\\d+: |Other Problems|Routine Activity|"
              + "Resolved Since Last Period|Priority Matrix|Next Steps)|### \\w+ Actions \\(P\\d\\))");
  private static final Pattern CODE_SPAN = Pattern.compile("(`+)(?!`).*?(?<!`)\\1(?!`)");

  private static Worklog worklog() {
    List<Map<String, Object>> rows = new ArrayList<>();
    for (int i = 0; i < HOSTILE.size(); i++) {
      String text = HOSTILE.get(i);
      rows.add(
          new ExampleRows.Row("hostile-" + i, "ERROR", text, text)
              .project("proj <script>|")
              .service("svc | <b>" + i + "</b>")
              .logger("mod`" + i + "` | [x](y)")
              .exception("Err<script>" + i)
              .at("file|" + i + "`.py", i, "fn```" + i)
              .pane(HOSTILE.size() - i, "2026-11-28T0" + i + ":00:00Z"));
    }
    return new WorklogBuilder(new WorklogSettings(3, 100, 1000, WorklogRules.none()))
        .build(
            ExampleRows.PERIOD,
            rows.stream().map(IssueWindow::fromColumns).toList(),
            List.of(),
            Map.of(),
            null,
            "test",
            ExampleRows.END);
  }

  @Test
  void keepsEveryHostileMessageInsideItsCodeBlock() {
    String md = MarkdownRenderer.render(worklog());

    List<String> blocks = codeBlocks(md);
    assertThat(blocks).anySatisfy(block -> assertThat(block).isEqualTo(FENCE_BREAK + "\n"));
    assertThat(outsideCodeBlocks(md).lines())
        .noneMatch(line -> line.startsWith("# Owned") || line.startsWith("<script>"));
  }

  @Test
  void addsNoHeadingsHtmlOrLinksOutsideCode() {
    String md = MarkdownRenderer.render(worklog());

    for (String line : outsideCodeBlocks(md).split("\n")) {
      String prose = CODE_SPAN.matcher(line).replaceAll("");
      if (line.startsWith("#")) {
        assertThat(line).matches(HEADING.pattern() + ".*");
      }
      assertThat(prose).doesNotContain("<").doesNotContainPattern("(?<!\\\\)\\]\\(|(?<!\\\\)!\\[");
      assertThat(line).doesNotStartWith("- fake list item");
    }
  }

  @Test
  void keepsTableRowsToTheirColumns() {
    String md = MarkdownRenderer.render(worklog());

    List<String> rows = md.lines().filter(l -> l.startsWith("| #")).toList();
    assertThat(rows).isNotEmpty();
    for (String row : rows) {
      int pipes =
          row.replace("\\|", "").length() - row.replace("\\|", "").replace("|", "").length();
      assertThat(pipes)
          .as(row)
          .isEqualTo(row.contains("Immediate") || row.contains("Soon") ? 8 : 9);
    }
  }

  @Test
  void writesHostileTextAsPlainJsonStrings() {
    String json = JsonRenderer.render(worklog());

    assertThat(json).doesNotContain("<script>", "<img");
    JsonObject root = JsonParser.parseString(json).getAsJsonObject();
    List<String> messages = new ArrayList<>();
    root.getAsJsonArray("categories")
        .forEach(
            c ->
                c.getAsJsonObject()
                    .getAsJsonArray("messages")
                    .forEach(m -> messages.add(m.getAsJsonObject().get("message").getAsString())));
    assertThat(messages).containsExactlyInAnyOrderElementsOf(HOSTILE);
  }

  private static List<String> codeBlocks(String md) {
    List<String> blocks = new ArrayList<>();
    Matcher fence = Pattern.compile("(?m)^(`{3,})\\n").matcher(md);
    int from = 0;
    while (fence.find(from)) {
      String marker = fence.group(1);
      int close = md.indexOf("\n" + marker + "\n", fence.end() - 1);
      blocks.add(md.substring(fence.end(), close + 1));
      from = close + marker.length() + 2;
    }
    return blocks;
  }

  private static String outsideCodeBlocks(String md) {
    String out = md;
    for (String block : codeBlocks(md)) {
      out = out.replace(block, "");
    }
    return out;
  }
}
