package dev.jcosign.core.signingconfig;

import com.fasterxml.jackson.databind.JsonNode;
import dev.jcosign.core.error.InvalidInputException;
import dev.jcosign.core.json.Json;
import dev.jcosign.core.signingconfig.SigningConfig.Selector;
import dev.jcosign.core.signingconfig.SigningConfig.Service;
import dev.jcosign.core.signingconfig.SigningConfig.ServiceConfiguration;
import dev.jcosign.core.tlog.ValidityPeriod;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads a signing config as protobuf JSON readers do (protojson, which cosign and sigstore-go use):
 * a field may be written with its JSON (camelCase) or proto (snake_case) name, {@code null} means
 * unset, enums are names or numbers, uint32 values numbers or decimal strings. Unknown fields are
 * ignored so that a newer document still reads. Each error names the document and the field.
 */
final class SigningConfigParser {
  private static final long MAX_UINT32 = 0xFFFF_FFFFL;

  private final String what;

  private SigningConfigParser(String what) {
    this.what = what;
  }

  static SigningConfig parse(byte[] json, String what) {
    return new SigningConfigParser(what).config(Json.parse(json, what));
  }

  private SigningConfig config(JsonNode root) {
    if (!root.isObject()) {
      throw error("expected a JSON object");
    }
    JsonNode mt = field(root, "mediaType", "media_type");
    String mediaType = mt.isTextual() ? mt.asText() : "";
    if (!mediaType.equals(SigningConfig.MEDIA_TYPE)) {
      throw error("unsupported mediaType " + (absent(mt) ? "(none)" : text(mt))
          + ", expected " + SigningConfig.MEDIA_TYPE);
    }
    return new SigningConfig(mediaType,
        services(field(root, "caUrls", "ca_urls"), "caUrls"),
        services(field(root, "oidcUrls", "oidc_urls"), "oidcUrls"),
        services(field(root, "rekorTlogUrls", "rekor_tlog_urls"), "rekorTlogUrls"),
        services(field(root, "tsaUrls", "tsa_urls"), "tsaUrls"),
        configuration(field(root, "rekorTlogConfig", "rekor_tlog_config"), "rekorTlogConfig"),
        configuration(field(root, "tsaConfig", "tsa_config"), "tsaConfig"));
  }

  private List<Service> services(JsonNode list, String where) {
    if (absent(list)) {
      return List.of();
    }
    if (!list.isArray()) {
      throw error(where + " is not a list");
    }
    List<Service> out = new ArrayList<>();
    for (int i = 0; i < list.size(); i++) {
      out.add(service(list.get(i), where + "[" + i + "]"));
    }
    return out;
  }

  private Service service(JsonNode s, String where) {
    if (!s.isObject()) {
      throw error(where + " is not an object");
    }
    JsonNode url = s.path("url");
    if (absent(url) || url.isTextual() && url.asText().isBlank()) {
      throw error(where + ".url is missing");
    }
    if (!url.isTextual()) {
      throw error(where + ".url is not a string");
    }
    if (!isHttpUrl(url.asText())) {
      throw error(where + ".url " + text(url) + " is not an http(s):// URL");
    }
    JsonNode validFor = field(s, "validFor", "valid_for");
    ValidityPeriod period = ValidityPeriod.ALWAYS;
    if (!absent(validFor)) {
      if (!validFor.isObject()) {
        throw error(where + ".validFor is not an object");
      }
      period = new ValidityPeriod(instant(validFor.path("start"), where + ".validFor.start"),
          instant(validFor.path("end"), where + ".validFor.end"));
      if (period.start().isPresent() && period.end().isPresent() && !period.start().get().isBefore(period.end().get())) {
        throw error(where + ".validFor.end " + period.end().get() + " is not after its start " + period.start().get());
      }
    }
    JsonNode operator = s.path("operator");
    if (!absent(operator) && !operator.isTextual()) {
      throw error(where + ".operator is not a string");
    }
    return new Service(url.asText(), uint32(field(s, "majorApiVersion", "major_api_version"), where + ".majorApiVersion"),
        period, absent(operator) ? "" : operator.asText());
  }

  private ServiceConfiguration configuration(JsonNode c, String where) {
    if (absent(c)) {
      return ServiceConfiguration.UNSET;
    }
    if (!c.isObject()) {
      throw error(where + " is not an object");
    }
    return new ServiceConfiguration(selector(c.path("selector"), where + ".selector"), uint32(c.path("count"), where + ".count"));
  }

  private Selector selector(JsonNode n, String where) {
    if (absent(n)) {
      return Selector.SERVICE_SELECTOR_UNDEFINED;
    }
    for (Selector s : Selector.values()) {
      if (n.isTextual() && n.asText().equals(s.name()) || n.isIntegralNumber() && n.asLong() == s.number()) {
        return s;
      }
    }
    throw error(where + " " + text(n) + " is not one of ANY, ALL, EXACT");
  }

  /** protojson's uint32: a number without fraction, or its decimal string, in 0..2^32-1; 0 when absent. */
  private long uint32(JsonNode n, String where) {
    if (absent(n)) {
      return 0;
    }
    long v;
    if (n.isIntegralNumber() && n.canConvertToLong()) {
      v = n.asLong();
    } else if (n.isNumber() && n.asDouble() == Math.rint(n.asDouble()) && Math.abs(n.asDouble()) < 1e15) {
      v = (long) n.asDouble();
    } else if (n.isTextual() && n.asText().matches("-?[0-9]{1,19}")) {
      try {
        v = Long.parseLong(n.asText());
      } catch (NumberFormatException e) {
        throw error(where + " " + text(n) + " is not an unsigned 32-bit integer");
      }
    } else {
      throw error(where + " " + text(n) + " is not an unsigned 32-bit integer");
    }
    if (v < 0 || v > MAX_UINT32) {
      throw error(where + " " + v + " is not an unsigned 32-bit integer");
    }
    return v;
  }

  /** A protobuf Timestamp in JSON: an RFC 3339 time with {@code Z} or an offset. */
  private Optional<Instant> instant(JsonNode n, String where) {
    if (absent(n)) {
      return Optional.empty();
    }
    if (!n.isTextual()) {
      throw error(where + " " + text(n) + " is not an RFC 3339 time");
    }
    try {
      return Optional.of(Instant.parse(n.asText()));
    } catch (DateTimeParseException e) {
      throw error(where + " " + text(n) + " is not an RFC 3339 time");
    }
  }

  /** Every service of a signing config is an HTTP API; anything else would only fail later, after signing. */
  private static boolean isHttpUrl(String s) {
    try {
      URI u = new URI(s);
      return ("https".equals(u.getScheme()) || "http".equals(u.getScheme())) && u.getHost() != null;
    } catch (URISyntaxException e) {
      return false;
    }
  }

  private static JsonNode field(JsonNode obj, String jsonName, String protoName) {
    JsonNode n = obj.path(jsonName);
    return n.isMissingNode() ? obj.path(protoName) : n;
  }

  private static boolean absent(JsonNode n) {
    return n.isMissingNode() || n.isNull();
  }

  /** A value for a message: short, one line. */
  private static String text(JsonNode n) {
    String s = n.toString();
    return s.length() > 60 ? s.substring(0, 57) + "..." : s;
  }

  private InvalidInputException error(String detail) {
    return new InvalidInputException(what + ": " + detail);
  }
}
