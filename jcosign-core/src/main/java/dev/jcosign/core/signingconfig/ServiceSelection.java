package dev.jcosign.core.signingconfig;

import dev.jcosign.core.error.InvalidInputException;
import dev.jcosign.core.signingconfig.SigningConfig.Service;
import dev.jcosign.core.signingconfig.SigningConfig.ServiceConfiguration;
import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Picks the Rekor log and the timestamp authority of a signing config (spec §6.7), as sigstore-go
 * does: only services valid now, the highest API version jcosign speaks, one service per operator
 * (the newest {@code validFor.start}), then the {@code rekorTlogConfig}/{@code tsaConfig} selector.
 *
 * <p>jcosign's signatures (the legacy {@code .sig}/{@code .att} annotations, the legacy blob bundle and
 * the bundle v0.3 it writes) carry one log entry and one timestamp, so a selector asking for more than
 * one service is refused rather than silently served by fewer. {@code ANY} takes the newest service
 * (sigstore-go picks at random; either is allowed by the format).
 */
public final class ServiceSelection {
  /** A kind of service: its fields and the API versions jcosign implements, best first. */
  public enum Kind {
    /** Rekor: v1 only (spec §6.3); v2's entry format is not implemented. */
    REKOR("rekorTlogUrls", "rekorTlogConfig", "Rekor transparency logs", "Rekor", "log", "log entry", List.of(1L)),
    /** RFC 3161 timestamp authorities (spec §6.4): v1. */
    TSA("tsaUrls", "tsaConfig", "timestamp authorities", "timestamp authority API", "service", "timestamp", List.of(1L)),
    /** Fulcio (keyless spec §1.1 step 4): API v1 entries of {@code caUrls}, which name the v2 REST API's host. */
    CA("caUrls", "", "certificate authorities", "Fulcio API", "service", "certificate", List.of(1L)),
    /** OIDC issuers for the interactive flows: v1. */
    OIDC("oidcUrls", "", "OIDC providers", "OIDC API", "provider", "token", List.of(1L));

    final String listField;
    final String configField;
    final String nouns;
    final String apiName;
    final String item;
    final String carried;
    final List<Long> versions;

    Kind(String listField, String configField, String nouns, String apiName, String item, String carried, List<Long> versions) {
      this.listField = listField;
      this.configField = configField;
      this.nouns = nouns;
      this.apiName = apiName;
      this.item = item;
      this.carried = carried;
      this.versions = versions;
    }
  }

  private ServiceSelection() {}

  /** The Rekor log to upload to; empty when the config lists none (no upload, spec §6.7). */
  public static Optional<String> rekor(SigningConfig config, Instant now, String what) {
    return select(config.rekorTlogUrls(), config.rekorTlogConfig(), Kind.REKOR, now, what);
  }

  /**
   * The Rekor log for outputs that can carry a Rekor v2 entry (Sigstore bundles): v2 when the config
   * offers a v2 log valid now, as cosign v3 prefers the newest API it supports, else v1.
   */
  public static Optional<Service> rekorForBundles(SigningConfig config, Instant now, String what) {
    if (config.rekorTlogUrls().isEmpty()) {
      return Optional.empty();
    }
    List<Service> v2 = config.rekorTlogUrls().stream().filter(s -> s.majorApiVersion() == 2 && s.validFor().contains(now)).toList();
    if (!v2.isEmpty()) {
      return Optional.of(apply(config.rekorTlogConfig(), newestPerOperator(v2), Kind.REKOR, what));
    }
    String url = select(config.rekorTlogUrls(), config.rekorTlogConfig(), Kind.REKOR, now, what).orElseThrow();
    return config.rekorTlogUrls().stream().filter(s -> s.url().equals(url) && s.majorApiVersion() == 1).findFirst();
  }

  /** The timestamp authority to ask; empty when the config lists none (no timestamp). */
  public static Optional<String> tsa(SigningConfig config, Instant now, String what) {
    return select(config.tsaUrls(), config.tsaConfig(), Kind.TSA, now, what);
  }

  /**
   * The Fulcio to ask for certificates (keyless spec §1.1 step 4): sigstore-go's {@code SelectService},
   * the newest valid v1 entry of {@code caUrls}; empty when the config lists none.
   */
  public static Optional<String> ca(SigningConfig config, Instant now, String what) {
    return select(config.caUrls(), new ServiceConfiguration(SigningConfig.Selector.ANY, 0), Kind.CA, now, what);
  }

  /** The OIDC issuer of the interactive flows, chosen as {@link #ca}. */
  public static Optional<String> oidc(SigningConfig config, Instant now, String what) {
    return select(config.oidcUrls(), new ServiceConfiguration(SigningConfig.Selector.ANY, 0), Kind.OIDC, now, what);
  }

  /**
   * The one service of {@code kind} to use among {@code services}.
   *
   * @param what names the config in errors, e.g. {@code signing config cfg.json}
   * @throws InvalidInputException when services are listed but none can be used, or the selector asks for more than one
   */
  public static Optional<String> select(List<Service> services, ServiceConfiguration config, Kind kind, Instant now, String what) {
    if (services.isEmpty()) {
      return Optional.empty();
    }
    List<Service> valid = services.stream().filter(s -> s.validFor().contains(now)).toList();
    List<Service> candidates = List.of();
    for (long v : kind.versions) {
      candidates = valid.stream().filter(s -> s.majorApiVersion() == v).toList();
      if (!candidates.isEmpty()) {
        break;
      }
    }
    if (candidates.isEmpty()) {
      throw noCandidate(services, valid, kind, now, what);
    }
    List<Service> perOperator = newestPerOperator(candidates);
    return Optional.of(apply(config, perOperator, kind, what).url());
  }

  /** sigstore-go keeps one service per operator: the one whose validity started last. */
  private static List<Service> newestPerOperator(List<Service> candidates) {
    Map<String, Service> byOperator = new LinkedHashMap<>();
    candidates.stream()
        .sorted(Comparator.comparing((Service s) -> s.validFor().start().orElse(Instant.MIN)).reversed())
        .forEach(s -> byOperator.putIfAbsent(s.operator(), s));
    return List.copyOf(byOperator.values());
  }

  private static Service apply(ServiceConfiguration config, List<Service> services, Kind kind, String what) {
    String where = what + ": " + kind.configField;
    switch (config.selector()) {
      case ANY:
        return services.get(0);
      case ALL:
        if (services.size() > 1) {
          throw new InvalidInputException(where + " ALL selects " + services.size() + " " + kind.nouns + " (" + urls(services)
              + ") but jcosign's signatures carry one " + kind.carried + ": use ANY or EXACT:1");
        }
        return services.get(0);
      case EXACT:
        if (config.count() == 0) {
          throw new InvalidInputException(where + " EXACT needs a count greater than 0");
        }
        if (config.count() > services.size()) {
          throw new InvalidInputException(where + " " + config + " asks for " + config.count() + " " + kind.nouns + " but only "
              + services.size() + " (" + urls(services) + ") can be used now, one per operator");
        }
        if (config.count() > 1) {
          throw new InvalidInputException(where + " " + config + " asks for " + config.count() + " " + kind.nouns
              + " but jcosign's signatures carry one " + kind.carried + ": use ANY or EXACT:1");
        }
        return services.get(0);
      default:
        throw new InvalidInputException(where + ".selector is missing: expected ANY, ALL or EXACT");
    }
  }

  private static InvalidInputException noCandidate(List<Service> services, List<Service> valid, Kind kind, Instant now, String what) {
    String supported = kind.versions.stream().map(v -> "v" + v).collect(Collectors.joining(", "));
    if (!valid.isEmpty()) {
      String offered = valid.stream().map(s -> "v" + s.majorApiVersion()).distinct().sorted().collect(Collectors.joining(", "));
      return new InvalidInputException(what + ": " + kind.listField + " offers only " + kind.apiName + " " + offered + " "
          + kind.item + "s valid now (" + urls(valid) + "): " + kind.apiName + " " + offered + " is not supported, jcosign supports "
          + kind.apiName + " " + supported + " only; use a signing config with a " + kind.apiName + " " + supported + " "
          + kind.item + " or without " + kind.listField);
    }
    return new InvalidInputException(what + ": none of the " + services.size() + " " + kind.listField + " is valid at " + now
        + " (" + urls(services) + ")");
  }

  private static String urls(List<Service> services) {
    return services.stream().map(Service::url).collect(Collectors.joining(", "));
  }
}
