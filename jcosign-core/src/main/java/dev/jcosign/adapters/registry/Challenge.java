package dev.jcosign.adapters.registry;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * One {@code WWW-Authenticate} challenge, e.g. {@code Bearer realm="https://auth/token",service="reg",scope="repository:x:pull"}
 * (distribution token auth spec). Scheme is lower case; parameter names are lower case.
 */
record Challenge(String scheme, Map<String, String> params) {
  static final String BASIC = "basic";
  static final String BEARER = "bearer";

  Challenge {
    scheme = scheme.toLowerCase(Locale.ROOT);
    params = Map.copyOf(params);
  }

  Optional<String> param(String name) {
    return Optional.ofNullable(params.get(name));
  }

  boolean isBearer() {
    return BEARER.equals(scheme);
  }

  boolean isBasic() {
    return BASIC.equals(scheme);
  }

  /** Picks the challenge to answer from all {@code WWW-Authenticate} values: Bearer over Basic over others. */
  static Optional<Challenge> select(List<String> headerValues) {
    List<Challenge> all = new ArrayList<>();
    for (String v : headerValues) {
      all.addAll(parse(v));
    }
    return all.stream().filter(Challenge::isBearer).findFirst()
        .or(() -> all.stream().filter(Challenge::isBasic).findFirst())
        .or(() -> all.stream().findFirst());
  }

  /** Parses one header value, which may hold several comma-separated challenges (RFC 7235 §4.1). */
  static List<Challenge> parse(String header) {
    List<Challenge> out = new ArrayList<>();
    Lexer lx = new Lexer(header == null ? "" : header);
    String scheme = null;
    Map<String, String> params = new LinkedHashMap<>();
    while (true) {
      lx.skipSpaceAndCommas();
      if (lx.done()) {
        break;
      }
      String token = lx.token();
      if (token.isEmpty()) {
        lx.pos++; // junk character: skip it rather than loop forever
        continue;
      }
      lx.skipSpace();
      if (lx.peek() == '=' && scheme != null) {
        lx.pos++;
        lx.skipSpace();
        String value = lx.peek() == '"' ? lx.quoted() : lx.token();
        params.put(token.toLowerCase(Locale.ROOT), value);
      } else {
        if (scheme != null) {
          out.add(new Challenge(scheme, params));
        }
        scheme = token;
        params = new LinkedHashMap<>();
      }
    }
    if (scheme != null) {
      out.add(new Challenge(scheme, params));
    }
    return out;
  }

  private static final class Lexer {
    private final String s;
    private int pos;

    Lexer(String s) {
      this.s = s;
    }

    boolean done() {
      return pos >= s.length();
    }

    char peek() {
      return done() ? 0 : s.charAt(pos);
    }

    void skipSpace() {
      while (!done() && Character.isWhitespace(s.charAt(pos))) {
        pos++;
      }
    }

    void skipSpaceAndCommas() {
      while (!done() && (Character.isWhitespace(s.charAt(pos)) || s.charAt(pos) == ',')) {
        pos++;
      }
    }

    String token() {
      int start = pos;
      while (!done()) {
        char c = s.charAt(pos);
        if (Character.isWhitespace(c) || c == ',' || c == '=' || c == '"') {
          break;
        }
        pos++;
      }
      return s.substring(start, pos);
    }

    String quoted() {
      pos++; // opening quote
      StringBuilder b = new StringBuilder();
      while (!done()) {
        char c = s.charAt(pos++);
        if (c == '\\' && !done()) {
          b.append(s.charAt(pos++));
        } else if (c == '"') {
          break;
        } else {
          b.append(c);
        }
      }
      return b.toString();
    }
  }
}
