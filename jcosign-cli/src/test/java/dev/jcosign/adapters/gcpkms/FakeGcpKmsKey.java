package dev.jcosign.adapters.gcpkms;

import com.google.cloud.kms.v1.CryptoKey.CryptoKeyPurpose;
import com.google.cloud.kms.v1.CryptoKeyVersion;
import com.google.cloud.kms.v1.CryptoKeyVersion.CryptoKeyVersionAlgorithm;
import com.google.cloud.kms.v1.CryptoKeyVersion.CryptoKeyVersionState;
import com.google.cloud.kms.v1.Digest;
import dev.jcosign.core.keys.PublicKeys;
import io.grpc.Status;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import org.bouncycastle.asn1.DERNull;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.DigestInfo;

/** One key version of {@link FakeGcpKms}, holding a real key pair generated for the test. */
public final class FakeGcpKmsKey {
  private final String name;
  private final CryptoKeyPurpose purpose;
  private final CryptoKeyVersionAlgorithm algorithm;
  private volatile CryptoKeyVersionState state;
  private final KeyPair pair;

  FakeGcpKmsKey(String name, CryptoKeyPurpose purpose, CryptoKeyVersionAlgorithm algorithm, CryptoKeyVersionState state) {
    this.name = name;
    this.purpose = purpose;
    this.algorithm = algorithm;
    this.state = state;
    this.pair = purpose == CryptoKeyPurpose.ASYMMETRIC_SIGN ? generate(algorithm) : null;
  }

  private static KeyPair generate(CryptoKeyVersionAlgorithm alg) {
    try {
      String n = alg.name();
      KeyPairGenerator g;
      if (n.startsWith("EC_SIGN_P")) {
        g = KeyPairGenerator.getInstance("EC");
        g.initialize(new ECGenParameterSpec(n.contains("P384") ? "secp384r1" : "secp256r1"));
      } else if (n.startsWith("RSA_")) {
        g = KeyPairGenerator.getInstance("RSA");
        g.initialize(Integer.parseInt(n.replaceAll(".*_(\\d{4})_.*", "$1")));
      } else if (n.equals("EC_SIGN_ED25519")) {
        g = KeyPairGenerator.getInstance("Ed25519");
      } else {
        throw new IllegalArgumentException("fake cannot generate " + n);
      }
      return g.generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  public String name() {
    return name;
  }

  CryptoKeyPurpose purpose() {
    return purpose;
  }

  CryptoKeyVersionAlgorithm algorithm() {
    return algorithm;
  }

  CryptoKeyVersionState state() {
    return state;
  }

  public void state(CryptoKeyVersionState s) {
    state = s;
  }

  public java.security.PublicKey publicKey() {
    return pair.getPublic();
  }

  String pem() {
    return new String(PublicKeys.toPem(pair.getPublic()), StandardCharsets.US_ASCII);
  }

  CryptoKeyVersion proto() {
    return CryptoKeyVersion.newBuilder().setName(name).setState(state).setAlgorithm(algorithm).build();
  }

  /** The digest bytes, if the request's digest type and length are what this algorithm signs. */
  byte[] checkDigest(Digest d) {
    String want = algorithm.name().replaceAll(".*_(SHA\\d{3})$", "$1");
    Digest.DigestCase got = d.getDigestCase();
    int len = switch (got) {
      case SHA256 -> 32;
      case SHA384 -> 48;
      case SHA512 -> 64;
      default -> -1;
    };
    byte[] bytes = switch (got) {
      case SHA256 -> d.getSha256().toByteArray();
      case SHA384 -> d.getSha384().toByteArray();
      case SHA512 -> d.getSha512().toByteArray();
      default -> new byte[0];
    };
    if (!got.name().equals(want) || bytes.length != len) {
      throw Status.INVALID_ARGUMENT.withDescription("The request digest is " + got + " of length " + bytes.length
          + ", but the key algorithm " + algorithm + " requires a " + want + " digest").asRuntimeException();
    }
    return bytes;
  }

  byte[] sign(byte[] digest) {
    try {
      String n = algorithm.name();
      if (n.startsWith("EC_SIGN_P")) {
        Signature s = Signature.getInstance("NONEwithECDSA");
        s.initSign(pair.getPrivate());
        s.update(digest);
        return s.sign();
      }
      if (n.startsWith("RSA_SIGN_PKCS1_")) {
        var oid = digest.length == 32 ? NISTObjectIdentifiers.id_sha256
            : digest.length == 48 ? NISTObjectIdentifiers.id_sha384 : NISTObjectIdentifiers.id_sha512;
        Signature s = Signature.getInstance("NONEwithRSA");
        s.initSign(pair.getPrivate());
        s.update(new DigestInfo(new AlgorithmIdentifier(oid, DERNull.INSTANCE), digest).getEncoded());
        return s.sign();
      }
      throw Status.UNIMPLEMENTED.withDescription("fake does not sign with " + n).asRuntimeException();
    } catch (GeneralSecurityException | java.io.IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
