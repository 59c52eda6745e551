package dev.finegrain.kpi;

import static dev.finegrain.core.testing.Gens.ints;
import static dev.finegrain.core.testing.Gens.lists;
import static dev.finegrain.core.testing.Gens.pick;
import static dev.finegrain.core.testing.Theories.qt;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.finegrain.core.DefinitionException;
import java.util.List;
import java.util.OptionalDouble;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;

/**
 * Bounded fuzzing of {@link Formula#parse}: token soup and crafted deep or long formulas parse or
 * are refused with a {@link DefinitionException} naming a position, never another exception or an
 * {@link Error}; what parses is within the limits, re-parses from its canonical form to an equal
 * formula, and evaluates without an exception. The totals are printed when the class ends.
 */
class FormulaFuzzProperties {
  private static final AtomicLong TRIED = new AtomicLong();
  private static final AtomicLong PARSED = new AtomicLong();
  private static final AtomicLong REFUSED = new AtomicLong();

  private static void parseOrRefuse(String text) {
    TRIED.incrementAndGet();
    Formula f;
    try {
      f = Formula.parse(text);
    } catch (DefinitionException e) {
      REFUSED.incrementAndGet();
      assertEquals(1, e.problems().size());
      assertTrue(e.problems().get(0).message().matches("(?s).* at position \\d+.*"), e.getMessage());
      return;
    }
    PARSED.incrementAndGet();
    assertTrue(text.length() <= Formula.MAX_LENGTH);
    assertTrue(f.root().depth() <= Formula.MAX_DEPTH);
    assertEquals(f, Formula.parse(f.canonical()), "the canonical form reads back");
    Formulas.evaluate(f.root(), name -> OptionalDouble.of(name.length() - 1.5));
    f.isWhole(name -> true);
  }

  @Test
  void tokenSoupParsesOrIsRefusedNamingAPosition() {
    Gen<String> tokens = pick("(", ")", "-", "+", "*", "/", "//", " ", "a", "b.c", "`x-y`", "`", "1", "0", "2.5",
        "1h", "30s", "1week", ".", "9223372036854775807", "1e5", "\u00e9", "\t", "_", "((", "))", "--");
    qt().forAll(lists(tokens, 0, 60)).checkAssert(parts -> parseOrRefuse(String.join("", parts)));
  }

  /** Deep or long shapes: nesting, runs of minuses, chains of operators and mixes of them, around the limits. */
  @Test
  void deepAndLongFormulasParseOrAreRefusedNamingAPosition() {
    Gen<String> shapes = pick("(", "-", "-(", "a+", "a*", "a//", "(-", " ( ", "--(", "a-(");
    Gen<Integer> counts = ints(0, 3000).mix(pick(0, 1, 63, 64, 65, 127, 128, 2047, 2048, 2049, 4095, 4096, 4097));
    qt().forAll(shapes, counts, pick("a", "1", "(a)", "")).checkAssert((shape, n, core) -> {
      String open = shape.repeat(n);
      long parens = open.chars().filter(c -> c == '(').count();
      String close = ")".repeat((int) parens);
      parseOrRefuse(open + core + close);
      parseOrRefuse(open + core);                 // unbalanced
      parseOrRefuse(core + close);
    });
  }

  @Test
  void formulasAtTheLimitsParse() {
    List<String> atLimits = List.of("(".repeat(64) + "a" + ")".repeat(64), "-".repeat(64) + "a",
        "a" + "+a".repeat(64), "a".repeat(Formula.MAX_LENGTH));
    for (String text : atLimits) {
      parseOrRefuse(text);
    }
    assertEquals(4, atLimits.stream().filter(t -> {
      Formula.parse(t);
      return true;
    }).count());
  }

  @AfterAll
  static void report() {
    System.out.printf("formula fuzz: %d inputs, %d parsed, %d refused with a DefinitionException naming a position, "
        + "none otherwise%n", TRIED.get(), PARSED.get(), REFUSED.get());
  }
}
