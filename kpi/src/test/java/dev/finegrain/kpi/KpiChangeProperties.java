package dev.finegrain.kpi;

import static dev.finegrain.core.testing.Gens.booleans;
import static dev.finegrain.core.testing.Gens.doubles;
import static dev.finegrain.core.testing.Gens.lists;
import static dev.finegrain.core.testing.Gens.longs;
import static dev.finegrain.core.testing.Gens.pick;
import static dev.finegrain.core.testing.Theories.qtWithAtMost;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.finegrain.core.condition.Condition;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;

/** Laws of the change decomposition over generated orders. */
class KpiChangeProperties {
  /** Each try runs the query engine four times: a few hundred tries are enough for these laws. */
  private static final int TRIES = 300;
  private static final Instant AT = Instant.parse("2026-03-02T02:00:00Z");

  private static final List<Kpi> KPIS = List.of(
      EcommerceKpis.returnRate(),
      Kpi.builder().id("returned-value").name("Returned value share")
          .measure(Measure.ratio(RatioTerm.sum("amountCents", Condition.eq("returned", true)),
              RatioTerm.sum("amountCents")))
          .build(),
      Kpi.builder().id("rating").name("Rating").measure(Measure.mean("rating")).build());

  @Test
  void contributionsAddUpToTheChangeWithinRoundingOfEachTerm() {
    qtWithAtMost(TRIES).forAll(orders(), orders(), pick(KPIS), pick("channel", "member")).checkAssert((before, after, kpi, dim) -> {
      Optional<KpiChange> decomposed = KpiChanges.decompose(kpi, dim, Order.SCHEMA, before, after);
      assertEquals(defined(kpi, before) && defined(kpi, after), decomposed.isPresent());
      if (decomposed.isEmpty()) {
        return;
      }
      KpiChange change = decomposed.get();
      BigDecimal sum = BigDecimal.ZERO;
      BigDecimal bound = new BigDecimal(Math.ulp(change.change()));
      for (KpiChange.Contribution c : change.contributions()) {
        sum = sum.add(new BigDecimal(c.rateEffect())).add(new BigDecimal(c.mixEffect()));
        bound = bound.add(new BigDecimal(Math.ulp(c.rateEffect()))).add(new BigDecimal(Math.ulp(c.mixEffect())));
      }
      BigDecimal error = sum.subtract(new BigDecimal(change.change())).abs();
      BigDecimal total = sum;
      assertTrue(error.multiply(BigDecimal.valueOf(2)).compareTo(bound) <= 0,
          () -> "effects sum to " + total + ", change " + change.change() + "\n" + change.toText());
      assertEquals(change.valueAfter() - change.valueBefore(), change.change(),
          4 * Math.ulp(Math.max(Math.abs(change.valueAfter()), Math.abs(change.valueBefore()))));
    });
  }

  @Test
  void theRateEffectIsTheValuesChangeAtTheAverageShareAndAGroupInOneWindowIsPureMix() {
    qtWithAtMost(TRIES).forAll(orders(), orders(), pick(KPIS)).checkAssert((before, after, kpi) -> {
      KpiChanges.decompose(kpi, "channel", Order.SCHEMA, before, after).ifPresent(change -> {
        double c = (change.valueBefore() + change.valueAfter()) / 2;
        for (KpiChange.Contribution g : change.contributions()) {
          double w0 = g.shareBefore();
          double w1 = g.shareAfter();
          if (g.valueBefore().isPresent() && g.valueAfter().isPresent()) {
            double r0 = g.valueBefore().getAsDouble();
            double r1 = g.valueAfter().getAsDouble();
            assertEquals((r1 - r0) * (w0 + w1) / 2, g.rateEffect(), 1e-9 * Math.max(1, Math.abs(r0) + Math.abs(r1)),
                g::toString);
            assertEquals((w1 - w0) * ((r0 + r1) / 2 - c), g.mixEffect(),
                1e-9 * Math.max(1, Math.abs(r0) + Math.abs(r1) + Math.abs(c)), g::toString);
          } else if (g.valueBefore().isPresent() || g.valueAfter().isPresent()) {
            assertEquals(0.0, g.rateEffect(), g::toString);
          }
        }
      });
    });
  }

  @Test
  void sharesOfEachWindowAddUpToOneAndEveryGroupAppearsOnce() {
    qtWithAtMost(TRIES).forAll(orders(), orders(), pick(KPIS)).checkAssert((before, after, kpi) -> {
      KpiChanges.decompose(kpi, "channel", Order.SCHEMA, before, after).ifPresent(change -> {
        double before0 = change.contributions().stream().mapToDouble(KpiChange.Contribution::shareBefore).sum();
        double after1 = change.contributions().stream().mapToDouble(KpiChange.Contribution::shareAfter).sum();
        assertEquals(1.0, before0, 1e-12);
        assertEquals(1.0, after1, 1e-12);
        // one contribution per channel of the orders; an absent channel is not the text (none)
        Set<List<Object>> channels = Stream.concat(before.stream(), after.stream())
            .map(o -> List.<Object>of(o.channel() == null ? QueryEngine.NONE : o.channel(), o.channel() == null))
            .collect(Collectors.toSet());
        List<List<Object>> groups = change.contributions().stream()
            .map(c -> List.<Object>of(c.group(), c.absent())).toList();
        assertEquals(channels, Set.copyOf(groups));
        assertEquals(groups.size(), channels.size(), groups::toString);
      });
    });
  }

  @Test
  void aGroupWhoseValueAndShareStayTheSameContributesNothing() {
    qtWithAtMost(TRIES).forAll(orders(), pick(KPIS)).checkAssert((orders, kpi) -> {
      KpiChanges.decompose(kpi, "channel", Order.SCHEMA, orders, orders).ifPresent(change -> {
        assertEquals(0.0, change.change());
        change.contributions().forEach(c -> {
          assertEquals(0.0, c.rateEffect(), c::toString);
          assertEquals(0.0, c.mixEffect(), c::toString);
        });
      });
    });
  }

  private static boolean defined(Kpi kpi, List<Order> orders) {
    return Kpis.run(KpiQuery.builder().addKpis(kpi).build(), Order.SCHEMA, orders).rows().stream()
        .anyMatch(r -> r.cell(kpi.id()).orElseThrow().value().isPresent());
  }

  /** Stands for an absent value in {@code pick}, which takes no null. */
  private static final String ABSENT = new String("absent");

  /**
   * Orders over a few channels and members, each of which may be absent or the text (none),
   * amounts from 0 (a zero denominator) to large.
   */
  static Gen<List<Order>> orders() {
    Gen<String> channels = pick("tmall", "jd", "douyin", "wechat", QueryEngine.NONE, ABSENT)
        .map(c -> c == ABSENT ? null : c);
    Gen<String> members = pick("lin", "zhou", "ma", QueryEngine.NONE, ABSENT).map(m -> m == ABSENT ? null : m);
    Gen<Order> order = channels.zip(members,
        longs(0, 1_000_000), booleans(), (channel, member, amount, returned) -> new Order("o", channel, member, AT,
            AT, AT, amount, returned, 0))
        .zip(doubles(1, 5, 3), (o, rating) -> new Order(o.id(), o.channel(), o.member(), AT, AT, AT,
            o.amountCents(), o.returned(), rating));
    return lists(order, 0, 60);
  }
}
