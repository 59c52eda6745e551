package dev.finegrain.workflow.internal.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.finegrain.core.json.FinegrainJson;
import dev.finegrain.workflow.event.Commented;
import dev.finegrain.workflow.event.ReviewEvent;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Every event type has exactly one codec, and the codecs are where event types get their names and codes. */
class EventCodecsTest {
  @Test
  void everyPermittedEventTypeHasACodecAndEveryCodecAPermittedType() {
    Set<Class<?>> permitted = new HashSet<>(Arrays.asList(ReviewEvent.class.getPermittedSubclasses()));
    Set<Class<?>> coded = new HashSet<>();
    for (EventCodec<?> codec : EventCodecs.ALL) {
      coded.add(codec.type());
    }

    for (Class<?> type : permitted) {
      assertTrue(coded.contains(type), "no codec for event type " + type.getSimpleName()
          + ": add one to EventCodecs.ALL");
    }
    assertEquals(permitted, coded);
  }

  @Test
  void typeCodesAndNamesAreUniqueAndFoundBack() {
    Set<Integer> codes = new HashSet<>();
    Set<String> names = new HashSet<>();
    for (EventCodec<?> codec : EventCodecs.ALL) {
      assertTrue(codes.add(codec.code()), "code used twice: " + codec);
      assertTrue(names.add(codec.name()), "name used twice: " + codec);
      assertEquals(codec, EventCodecs.byCode(codec.code()));
      assertEquals(codec, EventCodecs.byName(codec.name()));
    }
  }

  /** Codes and names are stored in hash chains and JSON: they never change once given. */
  @Test
  void theTypeCodesAndNamesAreThoseOnRecord() {
    List<String> expected = List.of("1 vote-cast", "2 stage-opened", "3 stage-approved", "4 case-closed",
        "5 case-submitted", "6 stage-skipped", "7 stage-rejected", "8 changes-requested", "9 gate-failed",
        "10 resubmitted", "11 commented", "12 delegated", "13 reassigned", "14 escalated");

    assertEquals(expected, EventCodecs.ALL.stream().map(c -> c.code() + " " + c.name()).toList());
  }

  @Test
  void theJsonTypeOfAnEventIsItsCodecsName() {
    ReviewEvent event = Commented.builder().caseId("l-1").sequence(3).at(Instant.EPOCH).actor("ma").text("ok")
        .build();

    String json = FinegrainJson.write(event);

    assertEquals("commented", FinegrainJson.read(json, JsonNode.class).get("type").asText());
    assertEquals(event, FinegrainJson.read(json, ReviewEvent.class));
  }

  @Test
  void anUnknownJsonTypeIsRefusedNamingTheKnownOnes() {
    String json = "{\"type\": \"vote-casted\", \"caseId\": \"l-1\", \"sequence\": 1, \"at\": \"2026-03-02T09:00:00Z\","
        + " \"actor\": \"ma\"}";

    RuntimeException error = assertThrows(RuntimeException.class, () -> FinegrainJson.read(json, ReviewEvent.class));

    assertNotNull(error.getMessage());
    assertTrue(error.getMessage().contains("vote-casted") && error.getMessage().contains("vote-cast"),
        error.getMessage());
  }
}
