package dev.finegrain.kpi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.finegrain.core.DefinitionException;
import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

/** Instants at the ends of the epoch-millisecond range: refused in a range when built, windowed in records. */
class TimeLimitsTest {
  private static final Kpi ORDERS = Kpi.builder().id("orders").name("Orders").measure(Measure.count()).build();

  @Test
  void aRangeBeyondEpochMillisecondsIsRefusedWhenBuiltNotWhenRun() {
    DefinitionException start = assertThrows(DefinitionException.class, () -> TimeRange.of(Instant.MIN,
        Instant.EPOCH));
    DefinitionException end = assertThrows(DefinitionException.class, () -> TimeRange.of(Instant.EPOCH,
        Instant.ofEpochMilli(Long.MAX_VALUE).plusMillis(1)));

    assertEquals("start", start.problems().get(0).path());
    assertTrue(start.problems().get(0).message().startsWith("expected an instant from "), start.getMessage());
    assertEquals("end", end.problems().get(0).path());
  }

  @Test
  void aRangeAtTheEndsOfEpochMillisecondsRuns() {
    TimeRange all = TimeRange.of(Instant.ofEpochMilli(Long.MIN_VALUE), Instant.ofEpochMilli(Long.MAX_VALUE));
    KpiQuery query = KpiQuery.builder().addKpi(ORDERS).timeField("at").range(all).build();

    KpiTable table = Kpis.run(query, ColumnBatch.builder(2).instants("at", new long[] {0, 5}).build());

    assertEquals(2.0, table.rows().get(0).cell("orders").orElseThrow().value().getAsDouble());
  }

  @Test
  void endsFinerThanAMillisecondReadTheRecordsBetweenThem() {
    // records at .000, .001 and .002: [.000500, .001500) holds only the one at .001
    TimeRange range = TimeRange.of(Instant.parse("2026-01-01T00:00:00.000500Z"), Instant.parse("2026-01-01T00:00:00.001500Z"));
    long t0 = Instant.parse("2026-01-01T00:00:00Z").toEpochMilli();
    KpiQuery query = KpiQuery.builder().addKpi(ORDERS).timeField("at").range(range).build();

    KpiTable table = Kpis.run(query, ColumnBatch.builder(3).instants("at", new long[] {t0, t0 + 1, t0 + 2}).build());

    assertEquals(1.0, table.rows().get(0).cell("orders").orElseThrow().value().getAsDouble());
    assertEquals(2, table.skippedRecords());
    assertTrue(range.contains(t0 + 1));
    assertTrue(!range.contains(t0) && !range.contains(t0 + 2));
    // before 1970, where a millisecond rounds down toward the earlier one
    TimeRange before = TimeRange.of(Instant.ofEpochMilli(-2).plusNanos(1), Instant.ofEpochMilli(-1).plusNanos(1));
    assertTrue(!before.contains(-2) && before.contains(-1) && !before.contains(0));
  }

  /** Their windows start or end beyond the range of epoch milliseconds: an ArithmeticException before. */
  @Test
  void recordsAtTheEndsOfEpochMillisecondsGetWindowsInEveryGrainAndZone() {
    long[] at = {Long.MIN_VALUE + 1, Long.MIN_VALUE + 2, 0, Long.MAX_VALUE - 1, Long.MAX_VALUE, Long.MAX_VALUE,
        Long.MIN_VALUE};
    for (Grain grain : Grain.values()) {
      for (ZoneId zone : new ZoneId[] {ZoneId.of("UTC"), ZoneId.of("Pacific/Kiritimati"), ZoneId.of("America/New_York")}) {
        KpiQuery query = KpiQuery.builder().addKpi(ORDERS).timeField("at").grain(grain).zone(zone).build();

        KpiTable table = Kpis.run(query, ColumnBatch.builder(at.length).instants("at", at).build());

        double counted = table.rows().stream().mapToDouble(r -> r.cell("orders").orElseThrow().value().getAsDouble()).sum();
        // Long.MAX_VALUE is the exclusive end of every range, so those two are skipped (and counted), as is the absent one
        assertEquals(4.0, counted, grain + " " + zone);
        assertEquals(3, table.skippedRecords(), grain + " " + zone);
        assertTrue(table.rows().size() <= 3, grain + " " + zone + ": " + table.rows().size() + " windows");
      }
    }
  }
}
