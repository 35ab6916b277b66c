package dev.jcosign.core.signingconfig;

import dev.jcosign.core.tlog.ValidityPeriod;
import java.util.List;
import java.util.Objects;

/**
 * A Sigstore signing config v0.2 ({@code signing_config.v0.2.json}, spec §6.7): which Fulcio, OIDC,
 * Rekor and timestamp services a signing run uses, each with its API version and validity window,
 * and how many logs and timestamp authorities to use. jcosign's key-based signing reads only
 * {@link #rekorTlogUrls} and {@link #tsaUrls} (see {@link ServiceSelection}); the CA and OIDC lists
 * are kept for keyless signing.
 *
 * @param rekorTlogConfig how many of {@link #rekorTlogUrls} to use ({@link ServiceConfiguration#UNSET} when absent)
 * @param tsaConfig how many of {@link #tsaUrls} to use
 */
public record SigningConfig(String mediaType, List<Service> caUrls, List<Service> oidcUrls, List<Service> rekorTlogUrls,
    List<Service> tsaUrls, ServiceConfiguration rekorTlogConfig, ServiceConfiguration tsaConfig) {
  /** The only media type of this format (sigstore-go refuses any other, and so does jcosign). */
  public static final String MEDIA_TYPE = "application/vnd.dev.sigstore.signingconfig.v0.2+json";

  public SigningConfig {
    Objects.requireNonNull(mediaType, "mediaType");
    caUrls = List.copyOf(caUrls);
    oidcUrls = List.copyOf(oidcUrls);
    rekorTlogUrls = List.copyOf(rekorTlogUrls);
    tsaUrls = List.copyOf(tsaUrls);
    Objects.requireNonNull(rekorTlogConfig, "rekorTlogConfig");
    Objects.requireNonNull(tsaConfig, "tsaConfig");
  }

  /**
   * Parses a signing config document (protobuf JSON: camelCase or proto field names, enum names or
   * numbers, int64/uint32 as numbers or strings, unknown fields ignored).
   *
   * @param what names the document in errors, e.g. {@code signing config cfg.json}
   * @throws dev.jcosign.core.error.InvalidInputException naming {@code what} and the bad field
   */
  public static SigningConfig parse(byte[] json, String what) {
    return SigningConfigParser.parse(json, what);
  }

  /**
   * One service endpoint.
   *
   * @param majorApiVersion the service's API major version (Rekor 1 or 2, TSA 1, Fulcio 1); 0 when absent
   * @param operator who runs it ({@code ""} when absent); selection keeps one service per operator
   */
  public record Service(String url, long majorApiVersion, ValidityPeriod validFor, String operator) {
    public Service {
      Objects.requireNonNull(url, "url");
      Objects.requireNonNull(validFor, "validFor");
      Objects.requireNonNull(operator, "operator");
    }
  }

  /** protobuf-specs' {@code ServiceSelector}, with its JSON names and numbers. */
  public enum Selector {
    /** Absent or 0: a client must refuse to pick services with it. */
    SERVICE_SELECTOR_UNDEFINED(0),
    ALL(1),
    ANY(2),
    EXACT(3);

    private final int number;

    Selector(int number) {
      this.number = number;
    }

    public int number() {
      return number;
    }
  }

  /**
   * {@code rekorTlogConfig} / {@code tsaConfig}.
   *
   * @param count how many services {@link Selector#EXACT} asks for (ignored otherwise)
   */
  public record ServiceConfiguration(Selector selector, long count) {
    /** The configuration a document without the field has. */
    public static final ServiceConfiguration UNSET = new ServiceConfiguration(Selector.SERVICE_SELECTOR_UNDEFINED, 0);

    public ServiceConfiguration {
      Objects.requireNonNull(selector, "selector");
    }

    /** As {@code cosign signing-config create} spells it: {@code ANY}, {@code ALL}, {@code EXACT:<n>}. */
    @Override
    public String toString() {
      return selector == Selector.EXACT ? "EXACT:" + count : selector.name();
    }
  }
}
