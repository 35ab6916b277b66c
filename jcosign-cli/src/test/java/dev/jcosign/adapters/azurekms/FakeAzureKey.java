package dev.jcosign.adapters.azurekms;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jcosign.core.json.Json;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.Signature;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.bouncycastle.asn1.DERNull;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.DigestInfo;

/** One version of a {@link FakeAzureKeyVault} key, with a real key pair generated for the test. */
public final class FakeAzureKey {
  /** HTTP status and either the b64url signature or an error message. */
  record Result(int status, String value) {}

  private final String name;
  private final String version;
  private final String kty;
  private final String crv;
  private final List<String> ops;
  private final Map<String, String> tags;
  private final KeyPair pair;

  FakeAzureKey(String name, String version, String kty, String crvOrBits, List<String> ops, Map<String, String> tags) {
    this.name = name;
    this.version = version;
    this.kty = kty;
    this.ops = List.copyOf(ops);
    this.tags = Map.copyOf(tags);
    try {
      KeyPairGenerator g;
      if (kty.startsWith("EC")) {
        crv = crvOrBits;
        g = KeyPairGenerator.getInstance("EC");
        g.initialize(new ECGenParameterSpec(switch (crv) {
          case "P-256" -> "secp256r1";
          case "P-384" -> "secp384r1";
          case "P-521" -> "secp521r1";
          default -> throw new IllegalArgumentException(crv);
        }));
      } else {
        crv = null;
        g = KeyPairGenerator.getInstance("RSA");
        g.initialize(Integer.parseInt(crvOrBits));
      }
      pair = g.generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  public String version() {
    return version;
  }

  public PublicKey publicKey() {
    return pair.getPublic();
  }

  public Map<String, String> tags() {
    return tags;
  }

  String kid(String vaultUrl) {
    return vaultUrl + "keys/" + name + "/" + version;
  }

  /** The KeyBundle JSON of GET /keys/{name}/{version}. */
  ObjectNode bundle(String vaultUrl) {
    ObjectNode b = Json.object();
    ObjectNode k = b.putObject("key").put("kid", kid(vaultUrl)).put("kty", kty);
    ops.forEach(k.putArray("key_ops")::add);
    if (pair.getPublic() instanceof ECPublicKey ec) {
      int len = (ec.getParams().getCurve().getField().getFieldSize() + 7) / 8;
      k.put("crv", crv).put("x", b64(fixed(ec.getW().getAffineX(), len))).put("y", b64(fixed(ec.getW().getAffineY(), len)));
    } else {
      RSAPublicKey rsa = (RSAPublicKey) pair.getPublic();
      k.put("n", b64(unsigned(rsa.getModulus()))).put("e", b64(unsigned(rsa.getPublicExponent())));
    }
    b.putObject("attributes").put("enabled", true).put("created", 1700000000).put("updated", 1700000000)
        .put("recoveryLevel", "Recoverable+Purgeable").put("recoverableDays", 90);
    ObjectNode t = b.putObject("tags");
    tags.forEach(t::put);
    return b;
  }

  /** Key Vault's checks: the key permits sign, the algorithm fits the key, the digest fits the algorithm. */
  Result sign(String alg, String value) {
    if (!ops.contains("sign")) {
      return new Result(400, "Operation sign is not allowed on this key.");
    }
    byte[] digest = Base64.getUrlDecoder().decode(value);
    int want = alg.endsWith("256") ? 32 : alg.endsWith("384") ? 48 : alg.endsWith("512") ? 64 : -1;
    boolean fits = kty.startsWith("EC") ? alg.equals(switch (crv) {
      case "P-256" -> "ES256";
      case "P-384" -> "ES384";
      default -> "ES512";
    }) : alg.matches("RS(256|384|512)|PS(256|384|512)");
    if (!fits) {
      return new Result(400, "Invalid algorithm " + alg + " for key type " + kty + (crv == null ? "" : " " + crv));
    }
    if (digest.length != want) {
      return new Result(400, "Invalid digest length " + digest.length + " for algorithm " + alg);
    }
    try {
      if (kty.startsWith("EC")) {
        Signature s = Signature.getInstance("NONEwithECDSAinP1363Format");
        s.initSign(pair.getPrivate());
        s.update(digest);
        return new Result(200, b64(s.sign()));
      }
      if (!alg.startsWith("RS")) {
        return new Result(400, "fake does not implement " + alg);
      }
      var oid = want == 32 ? NISTObjectIdentifiers.id_sha256 : want == 48 ? NISTObjectIdentifiers.id_sha384 : NISTObjectIdentifiers.id_sha512;
      Signature s = Signature.getInstance("NONEwithRSA");
      s.initSign(pair.getPrivate());
      s.update(new DigestInfo(new AlgorithmIdentifier(oid, DERNull.INSTANCE), digest).getEncoded());
      return new Result(200, b64(s.sign()));
    } catch (GeneralSecurityException | java.io.IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private static byte[] unsigned(BigInteger i) {
    byte[] b = i.toByteArray();
    return b[0] == 0 && b.length > 1 ? Arrays.copyOfRange(b, 1, b.length) : b;
  }

  private static byte[] fixed(BigInteger i, int len) {
    byte[] b = unsigned(i);
    byte[] out = new byte[len];
    System.arraycopy(b, 0, out, len - b.length, b.length);
    return out;
  }

  private static String b64(byte[] b) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
  }
}
