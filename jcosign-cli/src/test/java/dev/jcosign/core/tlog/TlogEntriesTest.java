package dev.jcosign.core.tlog;

import dev.jcosign.core.rekor.TlogEntry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jcosign.core.error.InvalidInputException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class TlogEntriesTest {

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void bundleEntryAcceptsInt64AsStringOrNumberAndOptionalParts() {
    TlogEntry e = TlogEntries.fromBundleTlogEntry(utf8(
        "{\"logIndex\":\"7\",\"logId\":{\"keyId\":\"AAE=\"},\"integratedTime\":12,\"canonicalizedBody\":\"e30=\"}"));
    assertEquals(7, e.logIndex());
    assertEquals("0001", e.logIdHex());
    assertEquals(12, e.integratedTime());
    assertEquals("{}", new String(e.canonicalBody(), StandardCharsets.UTF_8));
    assertTrue(e.set().isEmpty());
    assertTrue(e.proof().isEmpty());
  }

  @Test
  void malformedFieldsAreNamed() {
    InvalidInputException e = assertThrows(InvalidInputException.class, () -> TlogEntries.fromBundleTlogEntry(utf8(
        "{\"logIndex\":\"seven\",\"logId\":{\"keyId\":\"AAE=\"},\"canonicalizedBody\":\"e30=\"}")));
    assertEquals("parsing bundle tlog entry: logIndex is not an integer", e.getMessage());
    e = assertThrows(InvalidInputException.class, () -> TlogEntries.fromBundleTlogEntry(utf8(
        "{\"logIndex\":\"1\",\"logId\":{\"keyId\":\"AAE=\"}}")));
    assertEquals("parsing bundle tlog entry: missing canonicalizedBody", e.getMessage());
    e = assertThrows(InvalidInputException.class, () -> TlogEntries.fromLegacyBundle(utf8(
        "{\"SignedEntryTimestamp\":\"AA==\",\"Payload\":{\"body\":\"e30=\",\"integratedTime\":1,\"logIndex\":1,\"logID\":\"xyz\"}}")));
    assertEquals("parsing cosign bundle annotation: Payload.logID is not hex", e.getMessage());
  }
}
