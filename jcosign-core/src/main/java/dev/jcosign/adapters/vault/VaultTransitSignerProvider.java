package dev.jcosign.adapters.vault;

import com.fasterxml.jackson.databind.JsonNode;
import dev.jcosign.core.error.InvalidInputException;
import dev.jcosign.core.error.KeyException;
import dev.jcosign.core.keys.PublicKeys;
import dev.jcosign.core.spi.KeyRef;
import dev.jcosign.core.spi.PasswordSource;
import dev.jcosign.core.spi.Signer;
import dev.jcosign.core.spi.SignerProvider;
import io.github.jopenlibs.vault.SslConfig;
import io.github.jopenlibs.vault.Vault;
import io.github.jopenlibs.vault.VaultConfig;
import io.github.jopenlibs.vault.VaultException;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code hashivault://KEY} and {@code openbao://KEY}: transit keys of HashiCorp Vault or OpenBao
 * (spec §5). Address and token come from {@code VAULT_ADDR}/{@code BAO_ADDR} and
 * {@code VAULT_TOKEN}/{@code BAO_TOKEN} (else {@code ~/.vault-token}); the engine mount from
 * {@code TRANSIT_SECRET_ENGINE_PATH} (default {@code transit}).
 */
public final class VaultTransitSignerProvider implements SignerProvider {
  private static final Pattern REF = Pattern.compile("(hashivault|openbao)://([\\w.-]+)");
  private static final Set<String> SIGNING_TYPES = Set.of("ecdsa-p256", "ecdsa-p384", "ecdsa-p521",
      "rsa-2048", "rsa-3072", "rsa-4096", "ed25519");
  private static final String CREATED_TYPE = "ecdsa-p256";
  // SubjectPublicKeyInfo prefix of an Ed25519 key: transit gives Ed25519 keys as bare base64
  private static final byte[] ED25519_SPKI = HexFormat.of().parseHex("302a300506032b6570032100");
  private static final int OPEN_TIMEOUT_SECONDS = 5;
  private static final int READ_TIMEOUT_SECONDS = 30;

  private final Function<String, Optional<String>> env;

  /** {@code environment} looks up a variable by name; the CLI backs it with its {@code Env}. */
  public VaultTransitSignerProvider(Function<String, Optional<String>> environment) {
    this.env = environment;
  }

  @Override
  public Set<String> schemes() {
    return Set.of("hashivault", "openbao");
  }

  @Override
  public Signer signer(KeyRef ref, PasswordSource passwords) {
    String key = keyName(ref);
    VaultTransit t = connect(ref);
    JsonNode data = read(t, key);
    return new VaultTransitSigner(t, key, publicKeyOf(t, data), "ed25519".equals(data.path("type").asText()));
  }

  @Override
  public PublicKey publicKey(KeyRef ref) {
    String key = keyName(ref);
    VaultTransit t = connect(ref);
    return publicKeyOf(t, read(t, key));
  }

  @Override
  public PublicKey createKey(KeyRef ref) {
    String key = keyName(ref);
    VaultTransit t = connect(ref);
    try {
      t.readKey(key);
    } catch (VaultTransit.Failure e) {
      if (e.status != 404) {
        throw error("creating key", ref.value(), e);
      }
      try {
        t.createKey(key, CREATED_TYPE);
      } catch (VaultTransit.Failure f) {
        throw error("creating key", ref.value(), f);
      }
    }
    return publicKeyOf(t, read(t, key));
  }

  static KeyException error(String what, String ref, VaultTransit.Failure e) {
    String detail = e.getMessage().isEmpty() ? "" : " (" + e.getMessage() + ")";
    String why = switch (e.status) {
      case 403 -> "permission denied: check that VAULT_TOKEN is valid and its policy allows this";
      case 404 -> "key not found";
      default -> "vault answered HTTP " + e.status;
    };
    return new KeyException(what + " " + ref + ": " + why + (e.status == 403 ? "" : detail), e);
  }

  private static String keyName(KeyRef ref) {
    Matcher m = REF.matcher(ref.value());
    if (!m.matches()) {
      throw new InvalidInputException("invalid vault key reference \"" + ref.value()
          + "\": expected hashivault://NAME (letters, digits, _, - and .)");
    }
    return m.group(2);
  }

  private static JsonNode read(VaultTransit t, String key) {
    try {
      return t.readKey(key);
    } catch (VaultTransit.Failure e) {
      throw error("loading key", t.ref, e);
    }
  }

  private static PublicKey publicKeyOf(VaultTransit t, JsonNode data) {
    String type = data.path("type").asText("");
    if (!SIGNING_TYPES.contains(type)) {
      boolean symmetric = type.startsWith("aes") || type.startsWith("chacha") || type.equals("hmac") || !data.path("supports_signing").asBoolean(true);
      throw new KeyException("loading key " + t.ref + ": " + (symmetric
          ? "key is not an asymmetric signing key (type " + type + ")" : "unsupported key type " + type));
    }
    String version = data.path("latest_version").asText("");
    String pub = data.path("keys").path(version).path("public_key").asText("");
    if (pub.isEmpty()) {
      throw new KeyException("loading key " + t.ref + ": vault returned no public key for version " + version);
    }
    try {
      if (pub.startsWith("-----BEGIN")) {
        return PublicKeys.fromPem(pub.getBytes(StandardCharsets.US_ASCII));
      }
      byte[] raw = Base64.getDecoder().decode(pub.strip());
      byte[] spki = new byte[ED25519_SPKI.length + raw.length];
      System.arraycopy(ED25519_SPKI, 0, spki, 0, ED25519_SPKI.length);
      System.arraycopy(raw, 0, spki, ED25519_SPKI.length, raw.length);
      return PublicKeys.fromDer(spki);
    } catch (KeyException | IllegalArgumentException e) {
      throw new KeyException("loading key " + t.ref + ": unusable public key: " + e.getMessage(), e);
    }
  }

  private VaultTransit connect(KeyRef ref) {
    String address = value("VAULT_ADDR").or(() -> value("BAO_ADDR")).orElseThrow(() ->
        new KeyException("using key " + ref + ": VAULT_ADDR (or BAO_ADDR) is not set"));
    String token = value("VAULT_TOKEN").or(() -> value("BAO_TOKEN")).or(this::tokenFile).orElseThrow(() ->
        new KeyException("using key " + ref + ": no vault token: set VAULT_TOKEN (or BAO_TOKEN) or write ~/.vault-token"));
    String mount = value("TRANSIT_SECRET_ENGINE_PATH").orElse("transit").replaceAll("^/+|/+$", "");
    try {
      SslConfig ssl = new SslConfig().verify(!isTrue("VAULT_SKIP_VERIFY"));
      Optional<String> ca = value("VAULT_CACERT");
      if (ca.isPresent()) {
        ssl = ssl.pemFile(new File(ca.get()));
      }
      // engine version 1: with the default the driver rewrites transit paths to KV v2 ".../data/..."
      VaultConfig cfg = new VaultConfig().address(address).token(token).engineVersion(1)
          .openTimeout(OPEN_TIMEOUT_SECONDS).readTimeout(READ_TIMEOUT_SECONDS).sslConfig(ssl.build()).build();
      return new VaultTransit(Vault.create(cfg, 1), mount, address, ref.value());
    } catch (VaultException e) {
      throw new KeyException("using key " + ref + ": bad vault configuration for " + address, e);
    }
  }

  private Optional<String> tokenFile() {
    return value("HOME").flatMap(h -> {
      Path p = Path.of(h, ".vault-token");
      try {
        return Files.isRegularFile(p) ? Optional.of(new String(dev.jcosign.core.io.SmallFiles.read(p,
            dev.jcosign.core.io.SmallFiles.KEY_OR_CERTIFICATE, "reading " + p), java.nio.charset.StandardCharsets.UTF_8).strip())
            .filter(s -> !s.isEmpty()) : Optional.empty();
      } catch (dev.jcosign.core.error.InvalidInputException e) {
        return Optional.empty();
      }
    });
  }

  private Optional<String> value(String name) {
    return env.apply(name).filter(v -> !v.isBlank());
  }

  private boolean isTrue(String name) {
    return value(name).map(v -> v.equals("1") || v.equalsIgnoreCase("true") || v.equals("t")).orElse(false);
  }
}
