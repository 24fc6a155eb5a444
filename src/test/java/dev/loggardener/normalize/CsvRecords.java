package dev.loggardener.normalize;

import java.util.ArrayList;
import java.util.List;

/** An RFC 4180 CSV reader: quoted fields may hold commas, doubled quotes and line breaks. */
public final class CsvRecords {
  private CsvRecords() {}

  /**
   * Parses CSV text into records of fields.
   *
   * @throws IllegalArgumentException on a quote inside an unquoted field or an unclosed quote
   */
  public static List<List<String>> parse(String text) {
    List<List<String>> records = new ArrayList<>();
    List<String> record = new ArrayList<>();
    StringBuilder field = new StringBuilder();
    int i = 0;
    int n = text.length();
    boolean fieldStarted = false;
    while (i < n) {
      char c = text.charAt(i);
      if (c == '"' && field.length() == 0 && !fieldStarted) {
        int close = i + 1;
        while (true) {
          if (close >= n) {
            throw new IllegalArgumentException("unclosed quote starting at offset " + i);
          }
          char q = text.charAt(close);
          if (q == '"') {
            if (close + 1 < n && text.charAt(close + 1) == '"') {
              field.append('"');
              close += 2;
              continue;
            }
            break;
          }
          field.append(q);
          close++;
        }
        i = close + 1;
        fieldStarted = true;
        if (i < n && text.charAt(i) != ',' && text.charAt(i) != '\n' && text.charAt(i) != '\r') {
          throw new IllegalArgumentException("text after closing quote at offset " + i);
        }
      } else if (c == ',') {
        record.add(field.toString());
        field.setLength(0);
        fieldStarted = false;
        i++;
      } else if (c == '\r' || c == '\n') {
        record.add(field.toString());
        field.setLength(0);
        fieldStarted = false;
        records.add(record);
        record = new ArrayList<>();
        i += c == '\r' && i + 1 < n && text.charAt(i + 1) == '\n' ? 2 : 1;
      } else if (c == '"') {
        throw new IllegalArgumentException("quote inside unquoted field at offset " + i);
      } else {
        field.append(c);
        fieldStarted = true;
        i++;
      }
    }
    if (fieldStarted || field.length() > 0 || !record.isEmpty()) {
      record.add(field.toString());
      records.add(record);
    }
    return records;
  }
}
