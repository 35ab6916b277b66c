package dev.jcosign.cli.options;

import dev.jcosign.core.error.InvalidInputException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Option;

/**
 * {@code -a/--annotations k=v}, repeatable. Each value is also split on commas the way a CSV
 * reader would (spec §1.3: {@code -a k=a,b} fails with {@code unable to parse annotation: b}).
 */
public final class AnnotationOptions {
  @Option(names = {"-a", "--annotations"}, paramLabel = "key=value",
      description = "extra key=value pairs to sign (sign) or to require in the payload (verify)")
  List<String> raw = new ArrayList<>();

  /** The parsed pairs; a later duplicate key wins, as in cosign. */
  public Map<String, String> toMap() {
    Map<String, String> out = new LinkedHashMap<>();
    for (String value : raw) {
      for (String field : csvFields(value)) {
        int eq = field.indexOf('=');
        if (eq < 0) {
          throw new InvalidInputException("unable to parse annotation: " + field);
        }
        out.put(field.substring(0, eq), field.substring(eq + 1));
      }
    }
    return out;
  }

  /** Splits one flag value into CSV fields (double quotes group, "" is a literal quote). */
  static List<String> csvFields(String s) {
    List<String> fields = new ArrayList<>();
    StringBuilder cur = new StringBuilder();
    boolean quoted = false;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (quoted) {
        if (c == '"' && i + 1 < s.length() && s.charAt(i + 1) == '"') {
          cur.append('"');
          i++;
        } else if (c == '"') {
          quoted = false;
        } else {
          cur.append(c);
        }
      } else if (c == '"' && cur.length() == 0) {
        quoted = true;
      } else if (c == ',') {
        fields.add(cur.toString());
        cur.setLength(0);
      } else {
        cur.append(c);
      }
    }
    if (quoted) {
      throw new InvalidInputException("unable to parse annotation: unterminated quote in " + s);
    }
    fields.add(cur.toString());
    return fields;
  }
}
