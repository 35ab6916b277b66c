package dev.jcosign.core.tlog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.jcosign.core.error.InvalidInputException;
import dev.jcosign.core.json.Json;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CanonicalJsonTest {

  private static String canon(String json) {
    return new String(CanonicalJson.bytes(Json.parse(json.getBytes(StandardCharsets.UTF_8), "test")), StandardCharsets.UTF_8);
  }

  @Test
  void rfc8785Section322Example() {
    String in = "{\n  \"numbers\": [333333333.33333329, 1E30, 4.50, 2e-3, 0.000000000000000000000000001],\n"
        + "  \"string\": \"\\u20ac$\\u000F\\u000aA'\\u0042\\u0022\\u005c\\\\\\\"\\/\",\n"
        + "  \"literals\": [null, true, false]\n}";
    assertEquals("{\"literals\":[null,true,false],\"numbers\":[333333333.3333333,1e+30,4.5,0.002,1e-27],"
        + "\"string\":\"\u20ac$\\u000f\\nA'B\\\"\\\\\\\\\\\"/\"}", canon(in));
  }

  @Test
  void rfc8785Section323SortsByUtf16CodeUnits() {
    String in = "{\"\\u20ac\":\"Euro Sign\",\"\\r\":\"Carriage Return\",\"\\ufb33\":\"Hebrew Letter Dalet With Dagesh\","
        + "\"1\":\"One\",\"\\ud83d\\ude00\":\"Emoji: Grinning Face\",\"\\u0080\":\"Control\",\"\\u00f6\":\"Latin Small Letter O With Diaeresis\"}";
    assertEquals("{\"\\r\":\"Carriage Return\",\"1\":\"One\",\"\u0080\":\"Control\",\"\u00f6\":\"Latin Small Letter O With Diaeresis\","
        + "\"\u20ac\":\"Euro Sign\",\"\ud83d\ude00\":\"Emoji: Grinning Face\",\"\ufb33\":\"Hebrew Letter Dalet With Dagesh\"}", canon(in));
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "0|0", "-0|0", "1676524985|1676524985", "-1|-1", "9007199254740991|9007199254740991",
      "1e21|1e+21", "1e20|100000000000000000000", "0.000001|0.000001", "1e-7|1e-7", "123.456|123.456",
      "-5e-324|-5e-324", "1.7976931348623157e308|1.7976931348623157e+308"})
  void numbersUseEcmaScriptForm(String in, String out) {
    assertEquals(out, canon(in));
  }

  @Test
  void nestedObjectsAndNoWhitespace() {
    assertEquals("{\"a\":{\"b\":[1,{\"c\":\"<&>\"}],\"z\":\"\\b\\f\\t\\u001f\"}}",
        canon("{ \"a\" : { \"z\" : \"\\b\\f\\t\\u001F\", \"b\" : [ 1 , { \"c\" : \"<&>\" } ] } }"));
  }

  @Test
  void loneSurrogateIsRejected() {
    assertThrows(InvalidInputException.class, () -> canon("\"\\ud800\""));
  }
}
