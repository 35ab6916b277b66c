package dev.jcosign.adapters.awskms;

import dev.jcosign.core.error.InvalidInputException;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An {@code awskms://[ENDPOINT]/KEY} reference (spec §5): KEY is a key id (UUID, or {@code mrk-}
 * plus 32 hex digits for multi-Region keys), a key ARN, {@code alias/NAME} or an alias ARN. An
 * empty ENDPOINT means the SDK's default endpoint; otherwise requests go to {@code https://ENDPOINT}.
 *
 * @param uri the reference as given
 * @param endpoint {@code HOST[:PORT]} when one was given
 * @param keyId the KMS {@code KeyId} parameter (id, ARN, alias name or alias ARN)
 * @param region the region named by an ARN, if any
 */
public record AwsKmsKeyUri(String uri, Optional<String> endpoint, String keyId, Optional<String> region) {
  public static final String SCHEME = "awskms";
  private static final String PREFIX = SCHEME + "://";
  private static final String UUID = "(?:[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}|mrk-[0-9a-fA-F]{32})";
  private static final String ARN = "arn:(?:aws|aws-us-gov|aws-cn):kms:([a-z0-9-]+):[0-9]{12}:";
  // alias names: letters, digits, '/', '_' and '-' (AWS CreateAlias rules); "alias/aws/" is AWS-managed
  private static final String ALIAS = "alias/[a-zA-Z0-9/_-]+";
  private static final Pattern ENDPOINT = Pattern.compile("(?:[a-zA-Z0-9.-]+|\\[[0-9a-fA-F:.]+\\])(?::[0-9]{1,5})?");
  private static final Pattern ID = Pattern.compile(UUID);
  private static final Pattern KEY_ARN = Pattern.compile(ARN + "key/" + UUID);
  private static final Pattern ALIAS_NAME = Pattern.compile(ALIAS);
  private static final Pattern ALIAS_ARN = Pattern.compile(ARN + ALIAS);

  public static boolean matches(String s) {
    return s != null && s.startsWith(PREFIX);
  }

  /** Parses every form of spec §5; anything else is an {@link InvalidInputException} naming {@code s}. */
  public static AwsKmsKeyUri parse(String s) {
    if (!matches(s)) {
      throw invalid(s, "it must start with " + PREFIX);
    }
    String rest = s.substring(PREFIX.length());
    int slash = rest.indexOf('/');
    if (slash < 0) {
      throw invalid(s, "expected " + PREFIX + "[ENDPOINT]/KEY");
    }
    String host = rest.substring(0, slash);
    String key = rest.substring(slash + 1);
    if (!host.isEmpty() && !ENDPOINT.matcher(host).matches()) {
      throw invalid(s, "bad endpoint \"" + host + "\"");
    }
    Optional<String> region = Optional.empty();
    if (ID.matcher(key).matches() || ALIAS_NAME.matcher(key).matches()) {
      // region comes from the environment
    } else {
      Matcher arn = KEY_ARN.matcher(key);
      if (!arn.matches()) {
        arn = ALIAS_ARN.matcher(key);
      }
      if (!arn.matches()) {
        throw invalid(s, "the key must be a key id, a key ARN, alias/NAME or an alias ARN");
      }
      region = Optional.of(arn.group(1));
    }
    return new AwsKmsKeyUri(s, host.isEmpty() ? Optional.empty() : Optional.of(host), key, region);
  }

  /** True for {@code alias/NAME} and alias ARNs, the only forms {@code generate-key-pair --kms} accepts. */
  public boolean isAlias() {
    return ALIAS_NAME.matcher(keyId).matches() || ALIAS_ARN.matcher(keyId).matches();
  }

  /** The alias name ({@code alias/NAME}) of an alias reference. */
  public String aliasName() {
    return keyId.substring(keyId.indexOf("alias/"));
  }

  private static InvalidInputException invalid(String s, String why) {
    return new InvalidInputException("invalid AWS KMS key reference \"" + s + "\": " + why);
  }

  @Override
  public String toString() {
    return uri;
  }
}
