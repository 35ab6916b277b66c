package dev.jcosign.cli.commands;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import picocli.CommandLine.Command;

/** {@link JCosignCommand#named} must name exactly the sub-commands that {@code SUBCOMMANDS} lists, as their annotations do. */
class JCosignCommandNamesTest {

  @Test
  void everySubCommandIsFoundByItsAnnotatedName() {
    Set<String> names = new HashSet<>();
    for (Class<?> c : JCosignCommand.SUBCOMMANDS) {
      String name = c.getAnnotation(Command.class).name();
      names.add(name);
      assertEquals(c, JCosignCommand.named(name), name);
    }
    assertEquals(JCosignCommand.SUBCOMMANDS.size(), names.size(), "sub-command names are unique");
  }

  @Test
  void otherWordsNameNothing() {
    for (String w : new String[] {"", "verfy", "VERIFY", "help", "attach", "sign ", "triangulate"}) {
      assertNull(JCosignCommand.named(w), w);
    }
  }
}
