package dev.finegrain.kpi;

import static dev.finegrain.core.testing.Gens.booleans;
import static dev.finegrain.core.testing.Gens.ints;
import static dev.finegrain.core.testing.Gens.lists;
import static dev.finegrain.core.testing.Gens.longs;
import static dev.finegrain.core.testing.Gens.mostly;
import static dev.finegrain.core.testing.Gens.oneOf;
import static dev.finegrain.core.testing.Gens.pick;
import static dev.finegrain.core.testing.Theories.qtWithAtMost;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.finegrain.core.DefinitionException;
import dev.finegrain.core.Problem;
import dev.finegrain.core.condition.And;
import dev.finegrain.core.condition.Compare;
import dev.finegrain.core.condition.Comparison;
import dev.finegrain.core.condition.Condition;
import dev.finegrain.core.condition.Equals;
import dev.finegrain.core.condition.Exists;
import dev.finegrain.core.condition.FieldSource;
import dev.finegrain.core.condition.In;
import dev.finegrain.core.condition.Not;
import dev.finegrain.core.condition.Or;
import dev.finegrain.core.json.FinegrainJson;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.quicktheories.api.Pair;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

/**
 * A KPI filter is either refused when the query meets its records (or their types alone, {@link
 * Kpis#check(KpiQuery, Map)}), exactly where a constant (or a compared field) is of another kind than
 * its field, or it counts the records that core's own
 * {@link Condition#test} accepts, record by record: over rows and columns, on one thread and two,
 * and after a JSON round trip.
 */
class FilterKindProperties {
  private static final ExecutorService POOL = Executors.newFixedThreadPool(2);
  private static final Instant START = Instant.parse("2026-03-01T00:00:00Z");
  private static final long HOUR = Duration.ofHours(1).toMillis();

  @AfterAll
  static void shutDown() {
    POOL.shutdownNow();
  }

  /** The kinds of the fields, as a reader of the query would tell them apart. */
  private enum Kind { TEXT, INSTANT, WHOLE, DECIMAL, BOOLEAN }

  private static final Map<String, Kind> KINDS = Map.of(
      "channel", Kind.TEXT, "member", Kind.TEXT,
      "createdAt", Kind.INSTANT, "promisedShipBy", Kind.INSTANT, "shippedAt", Kind.INSTANT,
      "amountCents", Kind.WHOLE, "delayHours", Kind.WHOLE, "rating", Kind.DECIMAL, "returned", Kind.BOOLEAN);

  @Test
  void aFilterIsRefusedExactlyWhereAValueIsOfAnotherKindElseItCountsWhatTheConditionAccepts() {
    qtWithAtMost(300).forAll(orders(), condition(3), booleans()).checkAssert((orders, condition, viaJson) -> {
      KpiQuery query = KpiQuery.builder()
          .addKpis(Kpi.builder().id("n").name("n").measure(Measure.count()).filter(condition).build())
          .addKpis(Kpi.builder().id("share").name("share").measure(Measure.share(condition)).build())
          .putDerivedField("delayHours", Formula.parse("(shippedAt - createdAt) // 1h"))
          .build();
      KpiQuery q = viaJson ? FinegrainJson.read(FinegrainJson.write(query), KpiQuery.class) : query;
      List<String> wrong = new ArrayList<>();
      wrongKinds(condition, "kpis[0].filter", wrong);
      wrongKinds(condition, "kpis[1].measure.numerator.filter", wrong);
      long expected = orders.stream().filter(o -> condition.test(source(o))).count();

      if (!wrong.isEmpty()) {
        DefinitionException e = assertThrows(DefinitionException.class, () -> Kpis.check(q, Order.SCHEMA.types()),
            condition::toString);
        assertEquals(wrong, e.problems().stream().map(Problem::path).toList(), "Kpis.check: " + e.getMessage());
      } else {
        Kpis.check(q, Order.SCHEMA.types());
      }
      for (Function<KpiQuery, KpiTable> way : everyWay(orders)) {
        if (!wrong.isEmpty()) {
          DefinitionException e = assertThrows(DefinitionException.class, () -> way.apply(q), condition::toString);
          assertEquals(wrong, e.problems().stream().map(Problem::path).toList(), e.getMessage());
        } else {
          KpiRow row = way.apply(q).rows().get(0);
          assertEquals(expected, row.cell("n").orElseThrow().value().orElseThrow(), condition.toString());
          assertEquals((double) expected / orders.size(), row.cell("share").orElseThrow().value().orElseThrow(),
              condition.toString());
        }
      }
    });
  }

  private static List<Function<KpiQuery, KpiTable>> everyWay(List<Order> orders) {
    ColumnBatch columns = Order.columns(orders);
    Parallelism two = Parallelism.on(POOL, 2).withMinRecordsPerTask(4);
    return List.of(
        q -> Kpis.run(q, Order.SCHEMA, orders),
        q -> Kpis.run(q, columns),
        q -> Kpis.run(q, Order.SCHEMA, new ArrayList<>(orders), two),
        q -> Kpis.run(q, columns, two));
  }

  /** Adds the path of every constant or compared field of {@code c} whose kind its field cannot hold. */
  private static void wrongKinds(Condition c, String path, List<String> out) {
    if (c instanceof And and) {
      for (int i = 0; i < and.conditions().size(); i++) {
        wrongKinds(and.conditions().get(i), path + ".conditions[" + i + "]", out);
      }
    } else if (c instanceof Or or) {
      for (int i = 0; i < or.conditions().size(); i++) {
        wrongKinds(or.conditions().get(i), path + ".conditions[" + i + "]", out);
      }
    } else if (c instanceof Not not) {
      wrongKinds(not.condition(), path + ".condition", out);
    } else if (c instanceof Equals eq) {
      if (!holds(KINDS.get(eq.field()), eq.value(), true)) {
        out.add(path + ".value");
      }
    } else if (c instanceof In in) {
      for (int i = 0; i < in.values().size(); i++) {
        if (!holds(KINDS.get(in.field()), in.values().get(i), true)) {
          out.add(path + ".values[" + i + "]");
        }
      }
    } else if (c instanceof Compare compare && compare.value().isPresent()) {
      boolean equality = compare.op() == Comparison.EQ || compare.op() == Comparison.NE;
      if (!holds(KINDS.get(compare.field()), compare.value().get(), equality)) {
        out.add(path + ".value");
      }
    } else if (c instanceof Compare compare) {
      if (!numeric(KINDS.get(compare.field())) || !numeric(KINDS.get(compare.otherField().get()))) {
        if (KINDS.get(compare.field()) != KINDS.get(compare.otherField().get())) {
          out.add(path + ".otherField");
        }
      }
    } else if (!(c instanceof Exists)) {
      throw new AssertionError(c);
    }
  }

  private static boolean numeric(Kind kind) {
    return kind == Kind.WHOLE || kind == Kind.DECIMAL;
  }

  /** Whether a field of {@code kind} can meet {@code value}: a whole number field equals no fraction. */
  private static boolean holds(Kind kind, Object value, boolean equality) {
    switch (kind) {
      case TEXT:
        return value instanceof String;
      case INSTANT:
        return value instanceof Instant;
      case BOOLEAN:
        return value instanceof Boolean;
      case DECIMAL:
        return value instanceof Number;
      default:
        return value instanceof Long || (value instanceof Double d && (!equality || d == Math.rint(d)));
    }
  }

  /** The order as core's conditions see it: absent values left out, the derived delay computed. */
  private static FieldSource source(Order o) {
    Map<String, Object> fields = new HashMap<>();
    if (o.channel() != null) {
      fields.put("channel", o.channel());
    }
    if (o.member() != null) {
      fields.put("member", o.member());
    }
    fields.put("createdAt", o.createdAt());
    fields.put("promisedShipBy", o.promisedShipBy());
    if (o.shippedAt() != null) {
      fields.put("shippedAt", o.shippedAt());
      fields.put("delayHours", Math.floorDiv(o.shippedAt().toEpochMilli() - o.createdAt().toEpochMilli(), HOUR));
    }
    fields.put("amountCents", o.amountCents());
    fields.put("returned", o.returned());
    if (!Double.isNaN(o.rating())) {
      fields.put("rating", o.rating());
    }
    return FieldSource.of(fields);
  }

  /** Orders whose values meet the constants below often, some absent; instants to the millisecond. */
  static Gen<List<Order>> orders() {
    Gen<String> texts = pick("web", "app", "(none)", "-");
    Gen<Long> offsets = longs(0, 4 * 24 * HOUR).map(ms -> ms / HOUR * HOUR + (ms % 3 == 0 ? 0 : ms % 1000));
    Gen<Order> order = in -> {
      Instant created = START.plusMillis(offsets.generate(in));
      int shipHours = ints(-1, 50).generate(in);
      return new Order("o", ints(0, 4).generate(in) == 0 ? null : texts.generate(in),
          ints(0, 4).generate(in) == 0 ? null : texts.generate(in), created,
          created.plusMillis(ints(0, 48).generate(in) * HOUR),
          shipHours < 0 ? null : created.plusMillis(shipHours * HOUR), pick(0L, 500L, 1500L, 20L, 2000L).generate(in),
          booleans().generate(in), pick(Double.NaN, 3.5, 4.0, 500.5, 19.5).generate(in));
    };
    return lists(order, 4, 40);
  }

  private static final Gen<Object> TEXTS =
      pick("web", "app", "(none)", "true", "false", "1500", "2026-03-02T00:00:00Z").map(v -> (Object) v);
  private static final Gen<Object> WHOLES = pick(0L, 20L, 500L, 1500L, -1L, START.toEpochMilli()).map(v -> (Object) v);
  private static final Gen<Object> DECIMALS = pick(500.5, 500.0, 3.5, 19.5, 4.0, 0.25).map(v -> (Object) v);
  private static final Gen<Object> BOOLEANS = booleans().map(v -> (Object) v);
  /** Instants on the hour near the orders', some a fraction of a millisecond after; the first and last instants. */
  private static final Gen<Object> INSTANTS = mostly(8, longs(-HOUR, 5 * 24 * HOUR).zip(ints(0, 2),
      (ms, nanos) -> (Object) START.plusMillis(ms / HOUR * HOUR).plusNanos(nanos * 400_000L)),
      pick(Instant.MIN, Instant.MAX).map(v -> (Object) v));
  private static final Gen<Object> ANY = oneOf(TEXTS, WHOLES, DECIMALS, BOOLEANS, INSTANTS);

  /** Mostly a constant of the kind of {@code field}, else one of any kind. */
  private static Gen<Object> constantFor(String field) {
    Gen<Object> own;
    switch (KINDS.get(field)) {
      case TEXT:
        own = TEXTS;
        break;
      case INSTANT:
        own = INSTANTS;
        break;
      case BOOLEAN:
        own = BOOLEANS;
        break;
      default:
        own = oneOf(WHOLES, DECIMALS);
    }
    return mostly(4, own, ANY);
  }

  /** Conditions over every field, with constants and compared fields of every kind, mostly of their field's. */
  static Gen<Condition> condition(int depth) {
    List<String> names = new ArrayList<>(KINDS.keySet());
    names.sort(null);
    Gen<String> fields = pick(names);
    Gen<Condition> compareFields = in -> {
      String a = fields.generate(in);
      List<String> same = names.stream().filter(n -> KINDS.get(n) == KINDS.get(a)
          || (numeric(KINDS.get(n)) && numeric(KINDS.get(a)))).toList();
      return Condition.compareFields(a, pick(Comparison.values()).generate(in), mostly(3, pick(same), fields)
          .generate(in));
    };
    Gen<Condition> leaf = oneOf(
        in -> {
          String f = fields.generate(in);
          return Condition.eq(f, constantFor(f).generate(in));
        },
        in -> {
          String f = fields.generate(in);
          return Condition.in(f, lists(constantFor(f), 1, 3).generate(in).toArray());
        },
        in -> {
          String f = fields.generate(in);
          return Condition.compare(f, pick(Comparison.values()).generate(in), constantFor(f).generate(in));
        },
        compareFields,
        fields.map(Condition::exists));
    if (depth == 0) {
      return leaf;
    }
    Gen<Condition> inner = condition(depth - 1);
    return Generate.frequency(List.of(
        Pair.of(4, leaf),
        Pair.of(1, lists(inner, 0, 3).map((List<Condition> all) -> Condition.and(all))),
        Pair.of(1, lists(inner, 0, 3).map((List<Condition> any) -> Condition.or(any))),
        Pair.of(1, inner.map(Condition::not))));
  }
}
