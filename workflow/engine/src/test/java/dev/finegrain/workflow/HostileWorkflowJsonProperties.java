package dev.finegrain.workflow;

import static dev.finegrain.core.testing.Theories.qtWithAtMost;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.finegrain.core.DefinitionException;
import dev.finegrain.core.Problem;
import dev.finegrain.core.json.FinegrainJson;
import dev.finegrain.core.testing.Gens;
import dev.finegrain.workflow.command.Approve;
import dev.finegrain.workflow.command.ReviewCommand;
import dev.finegrain.workflow.event.ReviewEvent;
import dev.finegrain.workflow.store.Hash;
import dev.finegrain.workflow.store.HashChain;
import dev.finegrain.workflow.store.RecordedEvent;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Random;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * A bounded fuzz run for the workflow definitions, the commands and the recorded events, as
 * {@code dev.finegrain.core.HostileJsonProperties} does for core's: valid JSON mutated one to three
 * times with hostile values (wrong kinds, null, fractional or huge numbers, lone surrogates, deep
 * nesting, overflowing durations, unknown type names) or cut short. Reading it either gives a value
 * that equals itself after a JSON round trip, or a {@link DefinitionException} whose every problem
 * has a message; never any other exception or an {@code Error}. A workflow that reads and fits the
 * team then runs a case, ticked after days and centuries: its commands are decided, never thrown.
 */
class HostileWorkflowJsonProperties {
  private static final ObjectMapper PLAIN = new ObjectMapper();
  /** Keeps 1e400 as written rather than reading it as Infinity. */
  private static final ObjectMapper EXACT = new ObjectMapper()
      .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

  private static final String DEEP_NOTS = "{\"type\": \"not\", \"condition\": ".repeat(120)
      + "{\"type\": \"exists\", \"field\": \"a\"}" + "}".repeat(120);

  /** Values put in place of a member or element, as JSON text. */
  private static final List<String> HOSTILE = List.of(
      "null", "true", "false", "0", "7", "-1", "1.5", "2.9", "-0.0", "1e400", "-1e400", "1e-400",
      "123456789012345678901234567890", "9223372036854775807", "9223372036854775808", "\"\"", "\" \"",
      "\"\\uD800\"", "\"a\\uDC00b\"", "\"PT4H\"", "\"-PT4H\"", "\"PT0S\"", "\"PT2562047788015215H\"",
      "\"P106751991167300D\"", "\"2026-01-01T00:00:00Z\"", "\"+1000000000-12-31T23:59:59.999999999Z\"",
      "\"-1000000000-01-01T00:00:00Z\"", "\"x[\"", "\"a..b\"", "\"any\"", "\"all\"", "\"majority\"", "\"keep\"",
      "\"any-rejection\"", "\"unless-quorum-reachable\"", "\"most\"",
      "{\"kind\": \"at-least\", \"count\": 1.5}", "{\"kind\": \"at-least\", \"count\": 0}",
      "{\"kind\": \"at-least\", \"count\": 2147483648}", "{\"kind\": \"at-least\"}",
      "{\"kind\": \"reset-if-changed\", \"fields\": []}", "{\"kind\": \"reset-if-changed\", \"fields\": [\"a[\"]}",
      "{\"escalateAfter\": \"PT1H\", \"expireAfter\": \"PT1M\"}", "{\"escalateAfter\": \"PT2562047788015215H\"}",
      "{\"escalateAfter\": \"PT2562047788015215H\", \"escalationRole\": \"director\"}",
      "{\"escalateAfter\": \"PT1H\", \"escalationRole\": \"director\", \"expireAfter\": \"P106751991167300D\"}",
      "{\"kind\": \"listing\", \"fields\": {\"a\": {\"$instant\": \"2026-01-01T00:00:00Z\"}, \"b\": 1e400}}",
      "{\"kind\": \"listing\", \"fields\": {\"a\": {\"$instant\": 5}}}",
      "[]", "{}", "[null]", "[1, \"a\"]", "{\"type\": \"nope\"}", "{\"type\": 5}",
      "\"" + "x".repeat(5_000) + "\"", "[".repeat(300) + "]".repeat(300), "[".repeat(70) + "]".repeat(70),
      DEEP_NOTS);

  @Test
  void aMutatedWorkflowIsReadOrRefusedCleanly() {
    ReviewWorkflow rich = ReviewWorkflow.builder().from(Fixtures.listingReview())
        .addPhase(Phase.of(Stage.builder().id("final").name("Final").addReviewerMembers("boss", "ma")
            .quorum(Quorum.majority()).vetoPolicy(VetoPolicy.UNLESS_QUORUM_REACHABLE)
            .condition(dev.finegrain.core.condition.Condition.not(
                dev.finegrain.core.condition.Condition.exists("licence")))
            .deadline(Deadline.builder().escalateAfter(Duration.ofDays(2)).escalationRole("director")
                .expireAfter(Duration.ofDays(7)).build()).build()))
        .lastEditorMayNotApprove(true).build();
    fuzz(ReviewWorkflow.class, List.of(FinegrainJson.write(rich)), HostileWorkflowJsonProperties::runACase);
  }

  /** A workflow that reads and fits the team runs a case: submitted, ticked after 3 days and 200 years. */
  private static void runACase(ReviewWorkflow workflow) {
    try {
      workflow.validateAgainst(Fixtures.context());
    } catch (DefinitionException misfit) {
      return;
    }
    CaseDriver d = new CaseDriver(workflow, Fixtures.context(), "fuzz");
    d.send(d.submit("chen", Fixtures.listing("food", 39.9)));
    d.send(d.after(Duration.ofDays(3)).tick());
    d.send(d.after(Duration.ofDays(200 * 366)).tick());
  }

  @Test
  void aMutatedCommandIsReadOrRefusedCleanly() {
    CaseDriver d = CaseDriver.listing();
    List<String> commands = new ArrayList<>();
    for (ReviewCommand command : List.of(
        d.submit("chen", Fixtures.listing("food", 39.9)),
        Approve.builder().from(d.approve("lin", "copy")).comment("fine").expectedVersion(3L).build(),
        d.approveFor("boss", "ma", "manager"),
        d.reject("ma", "manager", "too expensive"),
        d.requestChanges("ma", "manager", "lower the price"),
        d.resubmit("chen", Fixtures.listing("food", 34.9)),
        d.withdraw("chen"),
        d.comment("lin", "looks good"),
        d.delegate("ma", "ma", "boss", Duration.ofDays(3)),
        d.reassign("guo", "manager", "ma", "boss"),
        d.tick())) {
      commands.add(FinegrainJson.write(command));
    }
    fuzz(ReviewCommand.class, commands);
  }

  @Test
  void aMutatedRecordedEventIsReadOrRefusedCleanly() {
    CaseDriver review = CaseDriver.listing();
    review.accept(review.submit("chen", Fixtures.listing("food", 39.9)));
    review.accept(review.comment("chen", "urgent, please"));
    review.accept(review.delegate("ma", "ma", "boss", Duration.ofDays(7)));
    review.accept(review.reassign("guo", "copy", "lin", "boss"));
    review.accept(review.approve("zhou", "copy"));
    review.accept(review.approve("wang", "image"));
    review.accept(review.requestChanges("xu", "compliance", "list the ingredients"));
    review.accept(review.resubmit("chen", Fixtures.listing("food", 39.9).with("ingredients", "green tea")));
    review.accept(review.approve("xu", "compliance"));
    review.accept(review.after(Duration.ofHours(49)).tick());
    review.accept(review.reject("guo", "manager", "not this season"));
    List<String> recorded = new ArrayList<>();
    Hash previous = HashChain.GENESIS;
    for (ReviewEvent event : review.log) {
      RecordedEvent chained = RecordedEvent.chain(event, "c-" + event.sequence(), previous);
      recorded.add(FinegrainJson.write(chained));
      previous = chained.hash();
    }
    fuzz(RecordedEvent.class, recorded);
  }

  private static <T> void fuzz(Class<T> type, List<String> seeds) {
    fuzz(type, seeds, read -> { });
  }

  /** Reads each mutated seed, refused cleanly or read, round-tripped and then given to {@code use}. */
  private static <T> void fuzz(Class<T> type, List<String> seeds, Consumer<T> use) {
    seeds.forEach(valid -> FinegrainJson.read(valid, type));  // the seeds themselves are valid
    // at most 300 inputs per type: each try builds and throws exceptions with deep stacks (a few ms)
    qtWithAtMost(300).forAll(Gens.seeds()).checkAssert(seed -> {
      Random random = new Random(seed);
      String json = mutate(seeds.get(random.nextInt(seeds.size())), random);
      T read;
      try {
        read = FinegrainJson.read(json, type);
      } catch (DefinitionException e) {
        assertFalse(e.problems().isEmpty(), json);
        for (Problem problem : e.problems()) {
          assertFalse(problem.message() == null || problem.message().isBlank() || problem.message().equals("null"),
              () -> "a problem without a message for " + shorten(json) + ": " + e.getMessage());
        }
        return;
      } catch (Throwable t) {
        fail("reading " + shorten(json) + " threw " + t, t);
        return;
      }
      String written = FinegrainJson.write(read);
      assertEquals(read, FinegrainJson.read(written, type), written);
      try {
        use.accept(read);
      } catch (Throwable t) {
        fail("using " + shorten(json) + " threw " + t, t);
      }
    });
  }

  private static String mutate(String valid, Random random) {
    JsonNode tree;
    try {
      tree = PLAIN.readTree(valid);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    int mutations = 1 + random.nextInt(3);
    for (int m = 0; m < mutations; m++) {
      List<JsonNode> containers = new ArrayList<>();
      collect(tree, containers);
      JsonNode at = containers.get(random.nextInt(containers.size()));
      JsonNode value = hostile(random);
      if (at instanceof ObjectNode object && object.size() > 0) {
        List<String> names = new ArrayList<>();
        object.fieldNames().forEachRemaining(names::add);
        String name = names.get(random.nextInt(names.size()));
        if (random.nextInt(5) == 0) {
          object.remove(name);
        } else {
          object.set(name, value);
        }
      } else if (at instanceof ArrayNode array && array.size() > 0) {
        array.set(random.nextInt(array.size()), value);
      } else if (at instanceof ArrayNode array) {
        array.add(value);
      }
    }
    String text = tree.toString();
    if (random.nextInt(10) == 0) {
      text = text.substring(0, random.nextInt(text.length()));  // cut short
    }
    return text;
  }

  private static JsonNode hostile(Random random) {
    String json = HOSTILE.get(random.nextInt(HOSTILE.size()));
    try {
      return EXACT.readTree(json);
    } catch (IOException e) {
      throw new IllegalStateException(json, e);
    }
  }

  private static void collect(JsonNode node, List<JsonNode> out) {
    if (node.isContainerNode()) {
      out.add(node);
      for (Iterator<JsonNode> it = node.elements(); it.hasNext(); ) {
        JsonNode child = it.next();
        if (out.size() < 500) {
          collect(child, out);
        }
      }
    }
  }

  private static String shorten(String json) {
    return json.length() <= 300 ? json : json.substring(0, 300) + "...";
  }
}
