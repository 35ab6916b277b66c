package dev.jcosign.core.attest;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jcosign.core.error.InvalidInputException;
import dev.jcosign.core.json.Json;
import dev.jcosign.core.keys.DigestAlgorithm;
import dev.jcosign.core.keys.Signatures;
import dev.jcosign.core.spi.Signer;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.spec.ECGenParameterSpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The in-place DSSE writer, streaming reader and PAE signing (issue 4) against the tree-based code
 * they replaced: same envelope bytes, same parsed values, same errors.
 */
class DsseStreamingTest {

  /** The former writer: a tree with the base64 payload as a string. */
  private static byte[] treeJson(String type, byte[] payload, List<DsseEnvelope.Signature> sigs) {
    ObjectNode o = Json.object();
    o.put("payloadType", type);
    o.put("payload", Base64.getEncoder().encodeToString(payload));
    ArrayNode a = o.putArray("signatures");
    for (DsseEnvelope.Signature s : sigs) {
      ObjectNode n = a.addObject();
      n.put("keyid", s.keyid() == null ? "" : s.keyid());
      n.put("sig", Base64.getEncoder().encodeToString(s.sig()));
    }
    return Json.write(o);
  }

  /** The former reader: a whole tree, fields read with asText(""). */
  private static DsseEnvelope treeParse(byte[] json) {
    JsonNode n = Json.parse(json, "dsse envelope");
    if (!n.isObject()) {
      throw new InvalidInputException("parsing dsse envelope: not a JSON object");
    }
    String type = n.path("payloadType").asText("");
    byte[] payload = decode(n.path("payload").asText(""), "payload");
    List<DsseEnvelope.Signature> sigs = new ArrayList<>();
    for (JsonNode s : n.path("signatures")) {
      sigs.add(new DsseEnvelope.Signature(s.path("keyid").asText(""), decode(s.path("sig").asText(""), "signature")));
    }
    return new DsseEnvelope(type, payload, sigs);
  }

  private static byte[] decode(String b64, String what) {
    try {
      return Base64.getDecoder().decode(b64);
    } catch (IllegalArgumentException e) {
      try {
        return Base64.getUrlDecoder().decode(b64);
      } catch (IllegalArgumentException e2) {
        throw new InvalidInputException("dsse envelope " + what + " is not valid base64");
      }
    }
  }

  private static void sameRead(String json) {
    sameRead(json.getBytes(StandardCharsets.UTF_8));
  }

  private static void sameRead(byte[] b) {
    String json = b.length > 200 ? "(" + b.length + " bytes)" : new String(b, StandardCharsets.UTF_8);
    sameStream(b, json);
    DsseEnvelope want;
    try {
      want = treeParse(b);
    } catch (InvalidInputException e) {
      InvalidInputException got = assertThrows(InvalidInputException.class, () -> DsseReader.read(b), json);
      assertEquals(e.getMessage(), got.getMessage(), json);
      return;
    }
    DsseReader.Parsed got = DsseReader.read(b);
    assertEquals(want.payloadType(), got.payloadType(), json);
    assertArrayEquals(want.payload(), got.payload(), json);
    assertEquals(want.signatures().size(), got.signatures().size(), json);
    for (int i = 0; i < want.signatures().size(); i++) {
      assertEquals(want.signatures().get(i).keyid(), got.signatures().get(i).keyid(), json);
      assertArrayEquals(want.signatures().get(i).sig(), got.signatures().get(i).sig(), json);
    }
  }

  /** payloadStream: the payload read() gives, or read()'s error (a payload error comes while reading). */
  private static void sameStream(byte[] b, String json) {
    DsseEnvelope want;
    try {
      want = treeParse(b);
    } catch (InvalidInputException e) {
      try {
        java.io.InputStream in = DsseReader.payloadStream(b);
        java.io.IOException io = assertThrows(java.io.IOException.class, in::readAllBytes, json);
        assertEquals(e.getMessage(), io.getMessage(), json);
      } catch (InvalidInputException got) {
        if (!e.getMessage().equals(got.getMessage())) {
          // the one difference: a stream checks the signatures before its payload is read
          assertEquals("dsse envelope payload is not valid base64", e.getMessage(), json);
          assertEquals("dsse envelope signature is not valid base64", got.getMessage(), json);
        }
      }
      return;
    }
    try {
      assertArrayEquals(want.payload(), DsseReader.payloadStream(b).readAllBytes(), json);
    } catch (java.io.IOException e) {
      throw new AssertionError(json, e);
    }
  }

  @Test
  void longPayloadsStreamAcrossChunks() {
    Random r = new Random(11);
    int c = DsseReader.CHUNK;
    for (int n : new int[] {c, c + 4, c + 5, c + 8, 2 * c + 4, 2 * c + 5, 3 * c - 1, 3 * c, 3 * c + 1, 3 * c + 2, 3 * c + 3}) {
      byte[] payload = new byte[n * 3 / 4];
      r.nextBytes(payload);
      for (Base64.Encoder enc : new Base64.Encoder[] {Base64.getEncoder(), Base64.getEncoder().withoutPadding(),
          Base64.getUrlEncoder(), Base64.getUrlEncoder().withoutPadding()}) {
        String b64 = enc.encodeToString(payload);
        sameRead("{\"payload\":\"" + b64 + "\",\"payloadType\":\"t\"}");
        // damage at the start, around a chunk boundary, in the middle and at the end
        for (int at : new int[] {0, c - 1, c, c + 1, b64.length() / 2, b64.length() - 2, b64.length() - 1}) {
          if (at >= 0 && at < b64.length()) {
            for (char bad : new char[] {'=', '*', ' ', '-', '+'}) {
              sameRead("{\"payload\":\"" + b64.substring(0, at) + bad + b64.substring(at + 1) + "\"}");
            }
          }
        }
        sameRead("{\"payload\":\"" + b64 + "==\"}");
        sameRead("{\"payload\":\"" + b64 + "QQ==\"}");
        sameRead("{\"payload\":\"" + b64.substring(0, b64.length() - 1) + "\"}");
      }
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {
    "{\"payloadType\":\"application/vnd.in-toto+json\",\"payload\":\"eyJhIjoxfQ==\",\"signatures\":[{\"keyid\":\"\",\"sig\":\"AQID\"}]}",
    "{\"payload\":\"eyJhIjoxfQ==\",\"payloadType\":\"t\",\"signatures\":[{\"sig\":\"AQID\"}]}",
    "{\"payload\":\"eyJhIjoxfQ\",\"payloadType\":\"t\"}",
    "{\"payload\":\"-_-_\",\"payloadType\":\"t\"}",
    "{\"payload\":\"+/+/\",\"payloadType\":\"t\"}",
    "{\"payload\":\"+/-_\",\"payloadType\":\"t\"}",
    "{\"payload\":\"ey\\u004ahIjoxfQ==\"}",
    "{\"payload\":\"eyJhIjoxfQ==\",\"payload\":\"AQID\"}",
    "{\"payload\":\"QQ==QQ==\"}",
    "{\"payload\":\"QQ=\"}",
    "{\"payload\":\"Q Q==\"}",
    "{\"payload\":\"é\"}",
    "{\"payload\":12}",
    "{\"payload\":null,\"payloadType\":null}",
    "{\"payload\":{\"x\":1},\"payloadType\":[1]}",
    "{\"payloadType\":12.50,\"payload\":\"\"}",
    "{\"payloadType\":true}",
    "{\"payloadType\":\"t\\n\\u00e9\"}",
    "{}",
    "{\"signatures\":{\"a\":{\"sig\":\"AQID\",\"keyid\":\"k\"},\"b\":{\"sig\":\"BA==\"}}}",
    "{\"signatures\":[1,\"x\",null,[],{\"sig\":\"AQID\",\"sig\":\"BA==\",\"other\":{\"deep\":[1]}}]}",
    "{\"signatures\":\"x\"}",
    "{\"signatures\":[{\"sig\":\"%%%\"}],\"payload\":\"%%%\"}",
    "{\"signatures\":[{\"sig\":\"%%%\"}],\"payload\":\"AQID\"}",
    "{\"payload\":\"%%%\",\"x\":}",
    "{\"payload\":\"AQID\"} {}",
    "{\"payload\":\"AQID\"} x",
    "[1]",
    "\"x\"",
    "[1] [2]",
    "",
    "  ",
    "{\"payload\":\"AQID\"",
    "{\"payload\":\"AQID"
  })
  void readsAsTheTreeDid(String json) {
    sameRead(json);
  }

  @Test
  void writesTheTreesBytes() {
    Random r = new Random(7);
    for (int n : new int[] {0, 1, 2, 3, 4, 5, 100, 4095, 4096, 100_000}) {
      byte[] payload = new byte[n];
      r.nextBytes(payload);
      List<DsseEnvelope.Signature> sigs = List.of(new DsseEnvelope.Signature("", new byte[] {1, 2, 3}),
          new DsseEnvelope.Signature("k<&>\"", new byte[] {4}));
      byte[] want = treeJson("type/<x>&\"", payload, sigs);
      assertArrayEquals(want, new DsseEnvelope("type/<x>&\"", payload, sigs).toJson());
      // a slice of a larger buffer
      byte[] padded = new byte[n + 10];
      System.arraycopy(payload, 0, padded, 7, n);
      assertArrayEquals(want, DsseEnvelope.toJson("type/<x>&\"", padded, 7, n, sigs));
      assertArrayEquals(want, DsseEnvelope.toJson("type/<x>&\"", padded, 7, n, sigs));
      sameRead(new String(want, StandardCharsets.UTF_8));
    }
    assertArrayEquals(treeJson("t", new byte[] {1}, List.of()), DsseEnvelope.toJson("t", new byte[] {1}, 0, 1, List.of()));
  }

  @Test
  void paeInPartsIsThePae() {
    byte[] payload = "{\"a\":1}".getBytes(StandardCharsets.UTF_8);
    byte[] joined = new byte[0];
    for (java.nio.ByteBuffer b : DsseEnvelope.paeParts("t", payload, 0, payload.length)) {
      byte[] part = new byte[b.remaining()];
      b.get(part);
      byte[] next = java.util.Arrays.copyOf(joined, joined.length + part.length);
      System.arraycopy(part, 0, next, joined.length, part.length);
      joined = next;
    }
    assertArrayEquals(DsseEnvelope.pae("t", payload), joined);
    assertEquals("DSSEv1 1 t 7 ", new String(DsseEnvelope.paeHead("t", 7), StandardCharsets.US_ASCII));
  }

  @Test
  void signingInPlaceVerifiesAsTheJoinedPae() throws Exception {
    KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
    g.initialize(new ECGenParameterSpec("secp256r1"));
    KeyPair kp = g.generateKeyPair();
    Signer digestSigner = new Signer() {
      @Override
      public PublicKey publicKey() {
        return kp.getPublic();
      }

      @Override
      public Optional<DigestAlgorithm> signingDigest() {
        return Optional.of(DigestAlgorithm.SHA256);
      }

      @Override
      public byte[] signDigest(byte[] digest, DigestAlgorithm algorithm) {
        try {
          java.security.Signature s = java.security.Signature.getInstance("NONEwithECDSA");
          s.initSign(kp.getPrivate());
          s.update(digest);
          return s.sign();
        } catch (java.security.GeneralSecurityException e) {
          throw new IllegalStateException(e);
        }
      }
    };
    byte[] buf = "xx{\"statement\":true}yy".getBytes(StandardCharsets.UTF_8);
    byte[] payload = "{\"statement\":true}".getBytes(StandardCharsets.UTF_8);
    byte[] sig = DsseEnvelope.sign(digestSigner, DsseEnvelope.IN_TOTO, buf, 2, payload.length);
    assertTrue(Signatures.verify(kp.getPublic(), DsseEnvelope.pae(DsseEnvelope.IN_TOTO, payload), sig, DigestAlgorithm.SHA256));
    assertTrue(Signatures.verify(kp.getPublic(), DsseEnvelope.paeParts(DsseEnvelope.IN_TOTO, buf, 2, payload.length), sig,
        DigestAlgorithm.SHA256));
    // a signer that signs whole messages gets the joined PAE
    PrivateKey priv = kp.getPrivate();
    Signer whole = new Signer() {
      @Override
      public PublicKey publicKey() {
        return kp.getPublic();
      }

      @Override
      public byte[] sign(byte[] message) {
        assertArrayEquals(DsseEnvelope.pae(DsseEnvelope.IN_TOTO, payload), message);
        return Signatures.sign(priv, message);
      }
    };
    byte[] sig2 = DsseEnvelope.sign(whole, DsseEnvelope.IN_TOTO, buf, 2, payload.length);
    assertTrue(Signatures.verify(kp.getPublic(), DsseEnvelope.pae(DsseEnvelope.IN_TOTO, payload), sig2, DigestAlgorithm.SHA256));
  }
}
