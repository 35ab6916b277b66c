package dev.jcosign.adapters.awskms;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jcosign.core.error.InvalidInputException;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Every {@code awskms://} form of spec §5, and malformed ones. */
class AwsKmsKeyUriTest {
  private static final String UUID = "1234abcd-12ab-34cd-56ef-1234567890ab";

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', nullValues = "-", value = {
    "awskms:///" + UUID + "|-|" + UUID + "|-|false",
    "awskms:///mrk-1234abcd12ab34cd56ef1234567890ab|-|mrk-1234abcd12ab34cd56ef1234567890ab|-|false",
    "awskms:///arn:aws:kms:us-east-2:111122223333:key/" + UUID + "|-|arn:aws:kms:us-east-2:111122223333:key/" + UUID + "|us-east-2|false",
    "awskms:///arn:aws:kms:eu-west-1:111122223333:key/mrk-1234abcd12ab34cd56ef1234567890ab|-|arn:aws:kms:eu-west-1:111122223333:key/mrk-1234abcd12ab34cd56ef1234567890ab|eu-west-1|false",
    "awskms:///arn:aws-us-gov:kms:us-gov-west-1:111122223333:key/" + UUID + "|-|arn:aws-us-gov:kms:us-gov-west-1:111122223333:key/" + UUID + "|us-gov-west-1|false",
    "awskms:///arn:aws-cn:kms:cn-north-1:111122223333:key/" + UUID + "|-|arn:aws-cn:kms:cn-north-1:111122223333:key/" + UUID + "|cn-north-1|false",
    "awskms:///alias/release|-|alias/release|-|true",
    "awskms:///alias/team/release_key-1|-|alias/team/release_key-1|-|true",
    "awskms:///arn:aws:kms:us-east-2:111122223333:alias/release|-|arn:aws:kms:us-east-2:111122223333:alias/release|us-east-2|true",
    "awskms://localhost:4566/alias/release|localhost:4566|alias/release|-|true",
    "awskms://kms.us-east-1.amazonaws.com/" + UUID + "|kms.us-east-1.amazonaws.com|" + UUID + "|-|false",
    "awskms://127.0.0.1:8443/arn:aws:kms:us-east-1:111122223333:key/" + UUID + "|127.0.0.1:8443|arn:aws:kms:us-east-1:111122223333:key/" + UUID + "|us-east-1|false",
  })
  void parsesEveryForm(String uri, String endpoint, String keyId, String region, boolean alias) {
    AwsKmsKeyUri u = AwsKmsKeyUri.parse(uri);
    assertEquals(Optional.ofNullable(endpoint), u.endpoint());
    assertEquals(keyId, u.keyId());
    assertEquals(Optional.ofNullable(region), u.region());
    assertEquals(alias, u.isAlias());
    assertEquals(uri, u.toString());
  }

  @Test
  void aliasNameOfAnAliasArn() {
    assertEquals("alias/x", AwsKmsKeyUri.parse("awskms:///arn:aws:kms:us-east-1:111122223333:alias/x").aliasName());
    assertEquals("alias/x", AwsKmsKeyUri.parse("awskms:///alias/x").aliasName());
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {
    "awskms://",
    "awskms:///",
    "awskms://alias/x",
    "awskms:///not-a-key",
    "awskms:///1234abcd-12ab-34cd-56ef-1234567890",
    "awskms:///mrk-1234",
    "awskms:///alias/",
    "awskms:///alias/bad name",
    "awskms:///arn:aws:kms:us-east-1:1111:key/" + UUID,
    "awskms:///arn:aws:s3:us-east-1:111122223333:key/" + UUID,
    "awskms:///arn:aws-eu:kms:us-east-1:111122223333:key/" + UUID,
    "awskms:///arn:aws:kms:us-east-1:111122223333:key/not-a-uuid",
    "awskms://host:port/alias/x",
    "awskms://user@host/alias/x",
    "awskms:///" + UUID + "/extra",
    "gcpkms:///alias/x",
  })
  void rejectsMalformed(String uri) {
    InvalidInputException e = assertThrows(InvalidInputException.class, () -> AwsKmsKeyUri.parse(uri));
    assertTrue(e.getMessage().startsWith("invalid AWS KMS key reference \"" + uri + "\": "), e.getMessage());
    assertFalse(e.getMessage().contains("\n"));
  }
}
