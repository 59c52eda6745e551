package dev.finegrain.workflow.internal.store;

import static dev.finegrain.core.testing.Gens.ints;
import static dev.finegrain.core.testing.Theories.qt;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.finegrain.core.standard.Artifact;
import dev.finegrain.core.testing.Gens;
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
import dev.finegrain.workflow.store.Hash;
import dev.finegrain.workflow.store.HashChain;
import dev.finegrain.workflow.store.RecordedEvent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;

/**
 * The in-memory store's compact records give back what was appended: for every kind of event,
 * strings long, empty or not ASCII, repeated or new instants, actors and command ids, and recorded
 * events a store may be handed that do not chain (wrong hashes, broken links), the loaded log
 * equals the plain list of everything appended, hashes included, whether the case stays open or
 * closes with the last append (when events kept as objects are written into their records); and
 * the command id lookup answers as a scan of that list.
 */
class CompactRecordsProperties {
  private static final String CASE = "case-ü-1";
  private static final Instant T0 = Instant.parse("2026-03-02T09:00:00Z");

  /** One event to record: its kind, its strings and numbers, and how it is recorded. */
  record Spec(int kind, String a, String b, int n, int instant, int actor, int command, int recording) {}

  @Test
  void loadedLogsEqualWhatWasAppended() {
    qt().forAll(specs(), cuts(), Gens.booleans()).checkAssert(CompactRecordsProperties::loadedLogsEqualWhatWasAppended);
  }

  private static void loadedLogsEqualWhatWasAppended(List<Spec> specs, List<Integer> cuts, boolean closes) {
    InMemoryEventStore store = new InMemoryEventStore();
    List<RecordedEvent> model = new ArrayList<>();
    Hash previous = HashChain.GENESIS;
    List<RecordedEvent> batch = new ArrayList<>();
    int cut = 0;
    for (int i = 0; i < specs.size(); i++) {
      Spec spec = specs.get(i);
      ReviewEvent event = event(spec, i + 1);
      String command = "cmd-" + spec.command() + (spec.command() % 3 == 0 ? "-é" : "");
      RecordedEvent recorded = switch (spec.recording()) {
        case 0 -> RecordedEvent.of(event, command, previous, wrongHash(spec.n()));
        case 1 -> RecordedEvent.of(event, command, HashChain.GENESIS, HashChain.hash(HashChain.GENESIS, command,
            event));  // does not link unless first
        default -> RecordedEvent.chain(event, command, previous);
      };
      batch.add(recorded);
      previous = recorded.hash();
      if (i == specs.size() - 1 || cuts.get(cut++ % cuts.size()) == 0) {
        append(store, model, batch, closes && i == specs.size() - 1);
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
    Map<String, Long> first = new LinkedHashMap<>();
    for (RecordedEvent recorded : model) {
      first.putIfAbsent(recorded.commandId(), recorded.sequence());
    }
    for (int c = 0; c < 8; c++) {
      for (String suffix : List.of("", "-é")) {
        String command = "cmd-" + c + suffix;
        assertEquals(first.getOrDefault(command, 0L), store.firstSequenceOf(CASE, command), command);
      }
    }
  }

  private static void append(InMemoryEventStore store, List<RecordedEvent> model, List<RecordedEvent> batch,
      boolean last) {
    if (last) {  // as the engine appends the events that close a case
      assertNotNull(store.append(CASE, model.size(), batch, true));
    } else {
      assertTrue(store.append(CASE, model.size(), batch));
    }
    model.addAll(batch);
  }

  private static Hash wrongHash(int n) {
    byte[] bytes = new byte[32];
    java.util.Arrays.fill(bytes, (byte) n);
    return Hash.fromBytes(bytes);
  }

  private static ReviewEvent event(Spec s, long sequence) {
    Instant at = T0.plusSeconds(s.instant() / 2).plusNanos(s.instant() % 2 * 7);
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
          .workflowVersion(s.n()).subject(s.n() % 2 == 0 ? listing(s.b(), s.n()) : subject(s, at))
          .editor(actor).build();
      default -> Resubmitted.builder().caseId(CASE).sequence(sequence).at(at).actor(actor).revision(s.n() + 2)
          .subject(listing(s.a(), s.n())).editor(s.b()).addResetStages(s.a()).build();
    };
  }

  private static Artifact listing(String text, double price) {
    String category = wellFormed(text);
    return Artifact.builder("listing").put("title", "Tea " + category).put("category", category).put("price", price)
        .build();
  }

  /** {@code text} with each lone surrogate replaced by '?': an artifact refuses them (issue 16). */
  private static String wellFormed(String text) {
    StringBuilder out = new StringBuilder(text.length());
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
        out.append(c).append(text.charAt(++i));
      } else {
        out.append(Character.isSurrogate(c) ? '?' : c);
      }
    }
    return out.toString();
  }

  /** A subject with every kind of value, its fields not in sorted order. */
  private static Artifact subject(Spec s, Instant at) {
    Map<String, Object> dims = new LinkedHashMap<>();
    dims.put("w", s.n() / 7.0);
    dims.put("a", List.of(wellFormed(s.a()), (long) s.n()));
    // no NaN and no lone surrogate: an artifact refuses them since issue 16
    return Artifact.builder("listing").put("zeta", wellFormed(s.b())).put("count", (long) s.n()).put("on", s.n() % 3 == 0)
        .put("at", at).put("tags", List.of(wellFormed(s.a()), wellFormed(s.b()), -0.0)).put("dims", dims)
        .put("alpha", Double.MIN_VALUE).build();
  }

  private static Gen<List<Spec>> specs() {
    Gen<String> strings = Gens.oneOf(Gens.alpha(0, 12), Gens.anyStrings(0, 8), Gens.alpha(250, 300),
        Gens.pick("", "copy", "manager", "ä€😀", "bad \uD800 text", "\uDC00", "x\uD83D", "😀\uDE00"));
    Gen<Integer> kinds = ints(0, 12);
    Gen<Integer> numbers = ints(0, 1000);
    Gen<Integer> instants = ints(0, 3);
    Gen<Integer> actors = ints(0, 3);
    Gen<Integer> commands = ints(0, 7);
    Gen<Integer> recordings = ints(0, 20);
    Gen<Spec> one = in -> new Spec(kinds.generate(in), strings.generate(in), strings.generate(in),
        numbers.generate(in), instants.generate(in), actors.generate(in), commands.generate(in),
        recordings.generate(in));
    return Gens.lists(one, 1, 30);
  }

  private static Gen<List<Integer>> cuts() {
    return Gens.lists(ints(0, 2), 1, 10);
  }
}
