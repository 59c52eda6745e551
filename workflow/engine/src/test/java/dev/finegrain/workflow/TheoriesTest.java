package dev.finegrain.workflow;

import static dev.finegrain.workflow.Theories.qt;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Configuration;
import org.quicktheories.generators.SourceDSL;

/** The property runner tries what the build configures, never nothing, and a failure says how to replay it. */
class TheoriesTest {
  @Test
  void aPassingPropertyTriesTheConfiguredNumberOfInputs() {
    int[] tried = {0};

    // over all longs no input repeats; QuickTheories skips an input it has already tried
    withTries("37", () -> qt().forAll(SourceDSL.longs().all()).checkAssert(x -> tried[0]++));

    assertEquals(37, tried[0]);
  }

  @Test
  void theBuildPassesTheTriesToTheTests() {
    assertTrue(System.getProperty(Theories.TRIES) != null, "surefire sets -D" + Theories.TRIES);
    assertTrue(Theories.tries() >= 1, () -> "tries " + Theories.tries());
  }

  @Test
  void zeroNegativeOrUnreadableTriesFailInsteadOfTryingNothing() {
    for (String tries : List.of("0", "-5", "many")) {
      IllegalStateException e = assertThrows(IllegalStateException.class,
          () -> withTries(tries, () -> qt().forAll(Gens.longs()).checkAssert(x -> { })), tries);
      assertTrue(e.getMessage().contains(Theories.TRIES), e::getMessage);
    }
    assertThrows(IllegalStateException.class, () -> Theories.qtWithAtMost(0));
  }

  @Test
  void aFailureShrinksAndPrintsTheSeedAndTheCommandThatReplaysIt() {
    AssertionError failure = assertThrows(AssertionError.class, TheoriesTest::sumsStayBelow500);

    String message = failure.getMessage();
    Matcher seed = Pattern.compile("Seed was (-?\\d+)").matcher(message);
    assertTrue(seed.find(), message);
    assertTrue(message.contains("-Dtest='TheoriesTest#sumsStayBelow500' -DQT_SEED=" + seed.group(1)), message);
    assertTrue(message.contains("-pl workflow/engine "), message);
  }

  @Test
  void aFailureReplaysFromItsSeedAndShrinksToAFewElements() {
    AssertionError[] failures = new AssertionError[2];

    withSeed("20261206", () -> {
      failures[0] = assertThrows(AssertionError.class, TheoriesTest::sumsStayBelow500);
      failures[1] = assertThrows(AssertionError.class, TheoriesTest::sumsStayBelow500);
    });

    Matcher first = Pattern.compile("sum of \\[([0-9, ]*)\\]").matcher(failures[0].getMessage());
    Matcher replayed = Pattern.compile("sum of \\[([0-9, ]*)\\]").matcher(failures[1].getMessage());
    assertTrue(first.find() && replayed.find(), failures[0]::getMessage);
    assertEquals(first.group(1), replayed.group(1), "the replay finds and shrinks to the same input");
    assertTrue(first.group(1).split(", ").length <= 3, failures[0]::getMessage);
  }

  /** A property that fails: lists of up to 50 numbers up to 1000 do not all sum below 500. */
  private static void sumsStayBelow500() {
    qt().forAll(Gens.lists(Gens.longs(0, 1000), 50)).checkAssert(list ->
        assertTrue(list.stream().mapToLong(Long::longValue).sum() < 500, "sum of " + list));
  }

  @Test
  void theSameSeedTriesTheSameInputs() {
    List<List<Long>> first = new ArrayList<>();
    List<List<Long>> second = new ArrayList<>();

    withSeed("424242", () -> {
      qt().forAll(Gens.lists(Gens.longs(), 5)).checkAssert(first::add);
      qt().forAll(Gens.lists(Gens.longs(), 5)).checkAssert(second::add);
    });

    assertTrue(first.size() > Theories.tries() / 2 && first.size() <= Theories.tries(), () -> "tried " + first.size());
    assertEquals(first, second);
  }

  private static void withTries(String tries, Runnable body) {
    withProperty(Theories.TRIES, tries, body);
  }

  private static void withSeed(String seed, Runnable body) {
    withProperty(Configuration.SEED, seed, body);
  }

  private static void withProperty(String key, String value, Runnable body) {
    String before = System.getProperty(key);
    System.setProperty(key, value);
    try {
      body.run();
    } finally {
      if (before == null) {
        System.clearProperty(key);
      } else {
        System.setProperty(key, before);
      }
    }
  }
}
