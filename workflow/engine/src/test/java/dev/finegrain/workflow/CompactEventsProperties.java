package dev.finegrain.workflow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.finegrain.core.standard.Artifact;
import dev.finegrain.workflow.command.Comment;
import dev.finegrain.workflow.command.Submit;
import dev.finegrain.workflow.event.CaseClosed;
import dev.finegrain.workflow.event.CaseSubmitted;
import dev.finegrain.workflow.event.ChangesRequested;
import dev.finegrain.workflow.event.Commented;
import dev.finegrain.workflow.event.Delegated;
import dev.finegrain.workflow.event.Escalated;
import dev.finegrain.workflow.event.Outcome;
import dev.finegrain.workflow.event.Reassigned;
import dev.finegrain.workflow.event.Resubmitted;
import dev.finegrain.workflow.event.ReviewEvent;
import dev.finegrain.workflow.event.StageApproved;
import dev.finegrain.workflow.event.StageOpened;
import dev.finegrain.workflow.event.StageRejected;
import dev.finegrain.workflow.event.StageSkipped;
import dev.finegrain.workflow.event.VoteCast;
import dev.finegrain.workflow.event.VoteKind;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * The in-memory store's compact records give back what was appended: for every kind of event,
 * strings long, empty or not ASCII, repeated or new instants, actors and command ids, and recorded
 * events a store may be handed that do not chain (texts as hashes, broken links), the loaded log
 * equals the plain list of everything appended, hash and previous hash texts included, whether the
 * records were staged by the engine as it chained or by the store; and the command id lookup
 * answers as a scan of that list.
 */
class CompactEventsProperties {
  private static final String CASE = "case-ü-1";

  /** One event to record: its kind, its strings and numbers, and how it is recorded. */
  record Spec(int kind, String a, String b, int n, int instant, int actor, int command, int recording) {}

  @Property
  void loadedLogsEqualWhatWasAppended(@ForAll("specs") List<Spec> specs, @ForAll("cuts") List<Integer> cuts,
      @ForAll boolean staged) {
    InMemoryEventStore store = new InMemoryEventStore();
    List<RecordedEvent> model = new ArrayList<>();
    Object previous = HashChain.GENESIS_RAW;
    List<RecordedEvent> batch = new ArrayList<>();
    int cut = 0;
    for (int i = 0; i < specs.size(); i++) {
      Spec spec = specs.get(i);
      ReviewEvent event = event(spec, i + 1);
      String command = "cmd-" + spec.command() + (spec.command() % 3 == 0 ? "-é" : "");
      RecordedEvent recorded = switch (spec.recording()) {
        case 0 -> RecordedEvent.of(event, command, RecordedEvent.Hashes.text(previous), "not a hash " + spec.n());
        case 1 -> RecordedEvent.of(event, command, HexFormat.of().formatHex(new byte[32]), HashChain.hash(
            HexFormat.of().formatHex(new byte[32]), command, event));  // does not link unless first
        default -> RecordedEvent.chained(event, command, previous);
      };
      batch.add(recorded);
      previous = recorded.rawHash();
      if (i == specs.size() - 1 || cuts.get(cut++ % cuts.size()) == 0) {
        append(store, model, batch, staged, i == specs.size() - 1);
        batch = new ArrayList<>();
      }
    }

    List<RecordedEvent> loaded = store.load(CASE);

    assertEquals(model, loaded);
    assertEquals(model.hashCode(), loaded.hashCode());
    for (int i = 0; i < model.size(); i++) {
      assertEquals(model.get(i).hash(), loaded.get(i).hash());
      assertEquals(model.get(i).previousHash(), loaded.get(i).previousHash());
      assertEquals(model.get(i).commandId(), loaded.get(i).commandId());
      assertEquals(model.get(i).event(), loaded.get(i).event());
      if (model.get(i).event() instanceof CaseSubmitted submitted) {
        Artifact read = ((CaseSubmitted) loaded.get(i).event()).subject();
        assertEquals(List.copyOf(submitted.subject().fields().keySet()), List.copyOf(read.fields().keySet()),
            "field order");
        assertEquals(submitted.subject().fields().toString(), read.fields().toString(), "values and their kinds");
      }
    }
    assertEquals(HashChain.verify(model), HashChain.verify(loaded));
    InMemoryEventStore.Log log = store.log(CASE);
    Map<String, Long> first = new LinkedHashMap<>();
    for (RecordedEvent recorded : model) {
      first.putIfAbsent(recorded.commandId(), recorded.sequence());
    }
    for (int c = 0; c < 8; c++) {
      for (String suffix : List.of("", "-é")) {
        String command = "cmd-" + c + suffix;
        assertEquals(first.getOrDefault(command, 0L), log.firstSequenceOf(command), command);
      }
    }
  }

  private static void append(InMemoryEventStore store, List<RecordedEvent> model, List<RecordedEvent> batch,
      boolean staged, boolean last) {
    if (staged) {  // as the engine does: records written as the events are chained
      Object head = model.isEmpty() ? HashChain.GENESIS_RAW : model.get(model.size() - 1).rawHash();
      CompactEvents.Batch records = CompactEvents.staging(head);
      Object previous = head;
      for (RecordedEvent recorded : batch) {
        records.add(recorded, RecordedEvent.Hashes.same(recorded.rawPreviousHash(), previous));
        previous = recorded.rawHash();
      }
      assertNotNull(store.append(CASE, model.size(), batch, null, records, last));
    } else {
      assertTrue(store.append(CASE, model.size(), batch));
    }
    model.addAll(batch);
  }

  private static ReviewEvent event(Spec s, long sequence) {
    Instant at = Fixtures.T0.plusSeconds(s.instant() / 2).plusNanos(s.instant() % 2 * 7);
    String actor = s.actor() == 0 ? ReviewEvent.SYSTEM : "actor-" + s.actor() + (s.actor() == 3 ? "ß" : "");
    return switch (s.kind()) {
      case 0 -> VoteCast.builder().caseId(CASE).sequence(sequence).at(at).actor(actor).stageId(s.a())
          .vote(VoteKind.values()[s.n() % 3]).onBehalfOf(s.n() % 2 == 0 ? Optional.empty() : Optional.of(s.b()))
          .note(s.n() % 5 == 0 ? Optional.empty() : Optional.of(s.a() + s.b())).build();
      case 1 -> StageOpened.builder().caseId(CASE).sequence(sequence).at(at).actor(actor).stageId(s.a()).phase(s.n())
          .build();
      case 2 -> StageApproved.builder().caseId(CASE).sequence(sequence).at(at).actor(actor).stageId(s.a()).build();
      case 3 -> CaseClosed.builder().caseId(CASE).sequence(sequence).at(at).actor(actor)
          .outcome(Outcome.values()[s.n() % Outcome.values().length]).reason(s.b()).build();
      case 4 -> StageSkipped.builder().caseId(CASE).sequence(sequence).at(at).actor(actor).stageId(s.a())
          .phase(s.n()).reason(s.b()).build();
      case 5 -> StageRejected.builder().caseId(CASE).sequence(sequence).at(at).actor(actor).stageId(s.a()).build();
      case 6 -> ChangesRequested.builder().caseId(CASE).sequence(sequence).at(at).actor(actor).stageId(s.a())
          .reason(s.b()).build();
      case 7 -> Commented.builder().caseId(CASE).sequence(sequence).at(at).actor(actor).text(s.a()).build();
      case 8 -> Delegated.builder().caseId(CASE).sequence(sequence).at(at).actor(actor).from(s.a()).to(s.b())
          .validFrom(at).validUntil(at.plusSeconds(s.n() + 1L).plusNanos(s.n())).build();
      case 9 -> Reassigned.builder().caseId(CASE).sequence(sequence).at(at).actor(actor).stageId(s.a()).from(s.b())
          .to(s.a() + "x").build();
      case 10 -> Escalated.builder().caseId(CASE).sequence(sequence).at(at).actor(actor).stageId(s.a()).role(s.b())
          .build();
      case 11 -> CaseSubmitted.builder().caseId(CASE).sequence(sequence).at(at).actor(actor).workflowId(s.a())
          .workflowVersion(s.n()).subject(s.n() % 2 == 0 ? Fixtures.listing(s.b(), s.n()) : subject(s, at))
          .editor(actor).build();
      default -> Resubmitted.builder().caseId(CASE).sequence(sequence).at(at).actor(actor).revision(s.n() + 2)
          .subject(Fixtures.listing(s.a(), s.n())).editor(s.b()).addResetStages(s.a()).build();
    };
  }

  /** A subject with every kind of value, its fields not in sorted order. */
  private static Artifact subject(Spec s, Instant at) {
    Map<String, Object> dims = new LinkedHashMap<>();
    dims.put("w", s.n() / 7.0);
    dims.put("a", List.of(s.a(), (long) s.n()));
    return Artifact.builder("listing").put("zeta", s.b()).put("count", (long) s.n()).put("on", s.n() % 3 == 0)
        .put("at", at).put("tags", List.of(s.a(), s.b(), -0.0)).put("dims", dims).put("alpha", Double.NaN).build();
  }

  @Example
  void anEngineRunRecordsThatReadBackAndVerify() {
    ReviewEngine engine = ReviewEngine.builder(Fixtures.context()).register(Fixtures.listingReview()).build();
    assertTrue(engine.handle(Submit.builder().commandId("c-1").caseId("listing-1").actor("chen").at(Fixtures.T0)
        .subject(Fixtures.listing("tea", 20)).build()).isAccepted());
    assertTrue(engine.handle(Comment.builder().commandId("c-2").caseId("listing-1").actor("lin")
        .at(Fixtures.T0.plusSeconds(5)).text("Schöne Bilder").build()).isAccepted());

    List<RecordedEvent> log = engine.events("listing-1");

    assertTrue(log.size() >= 3, log.toString());

    assertTrue(engine.verify("listing-1").intact());
    assertEquals(engine.headHash("listing-1"), log.get(log.size() - 1).hash());
    assertEquals(ReviewCase.replay(log.stream().map(RecordedEvent::event).toList()), engine.state("listing-1"));
  }

  @Example
  void textWithALoneSurrogateReadsBackEqualAndARetryOfItsCommandIsRecognised() {
    ReviewEngine engine = ReviewEngine.builder(Fixtures.context()).register(Fixtures.listingReview()).build();
    assertTrue(engine.handle(Submit.builder().commandId("c-1").caseId("listing-1").actor("chen").at(Fixtures.T0)
        .subject(Fixtures.listing("tea", 20)).build()).isAccepted());
    Comment comment = Comment.builder().commandId("c-\uDC00").caseId("listing-1").actor("lin")
        .at(Fixtures.T0.plusSeconds(5)).text("bad \uD800 text").build();
    ReviewOutcome first = engine.handle(comment);
    long version = engine.version("listing-1");

    List<RecordedEvent> log = engine.events("listing-1");
    ReviewOutcome retry = engine.handle(comment);

    assertEquals(first.events().get(0), log.get(log.size() - 1), "the comment as stored");
    assertEquals(version, engine.version("listing-1"), "a retry records nothing");
    assertTrue(retry.isAccepted(), retry.toString());
    assertTrue(engine.verify("listing-1").intact());
  }

  @Example
  void theEnginesStagingBatchKeepsNoEventAfterACommand() {
    ReviewEngine engine = ReviewEngine.builder(Fixtures.context()).register(Fixtures.listingReview()).build();
    assertTrue(engine.handle(Submit.builder().commandId("c-1").caseId("listing-1").actor("chen").at(Fixtures.T0)
        .subject(Fixtures.listing("tea", 20)).build()).isAccepted());

    CompactEvents.Batch staging = CompactEvents.STAGING.get(); // as the command left it

    assertEquals(0, staging.size);
    assertTrue(java.util.Arrays.stream(staging.objects).allMatch(java.util.Objects::isNull),
        "no submitted event (nor its subject) held by the thread's batch");
  }

  @Provide
  Arbitrary<List<Spec>> specs() {
    Arbitrary<String> strings = Arbitraries.oneOf(Arbitraries.strings().alpha().ofMaxLength(12),
        Arbitraries.strings().ofMaxLength(8), Arbitraries.strings().alpha().ofMinLength(250).ofMaxLength(300),
        Arbitraries.of("", "copy", "manager", "ä€😀", "bad \uD800 text", "\uDC00", "x\uD83D", "😀\uDE00"));
    Arbitrary<Spec> one = Combinators.combine(Arbitraries.integers().between(0, 12), strings, strings,
        Arbitraries.integers().between(0, 1000), Arbitraries.integers().between(0, 3),
        Arbitraries.integers().between(0, 3), Arbitraries.integers().between(0, 7),
        Arbitraries.integers().between(0, 20))
        .as(Spec::new);
    return one.list().ofMinSize(1).ofMaxSize(30);
  }

  @Provide
  Arbitrary<List<Integer>> cuts() {
    return Arbitraries.integers().between(0, 2).list().ofMinSize(1).ofMaxSize(10);
  }
}
