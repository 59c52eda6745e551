package dev.finegrain.examples.spark;

import static dev.finegrain.core.condition.Condition.compare;
import static dev.finegrain.core.condition.Condition.eq;
import static dev.finegrain.core.condition.Condition.exists;

import dev.finegrain.core.condition.Comparison;
import dev.finegrain.kpi.Direction;
import dev.finegrain.kpi.EcommerceKpis;
import dev.finegrain.kpi.Formula;
import dev.finegrain.kpi.Grain;
import dev.finegrain.kpi.ImmutableQuantileMeasure;
import dev.finegrain.kpi.Kpi;
import dev.finegrain.kpi.KpiQuery;
import dev.finegrain.kpi.Measure;
import dev.finegrain.kpi.RatioTerm;
import java.util.List;

/**
 * The weekly dashboard's KPIs: finegrain's ready e-commerce definitions plus a few more, so that
 * every kind of measure appears (count, whole and decimal sums, mean, whole and decimal ratios,
 * exact and histogram quantiles, distinct counts, a KPI filter).
 */
public final class DashboardKpis {
  private DashboardKpis() {}

  /** The KPIs, in dashboard order. */
  public static List<Kpi> all() {
    return List.of(
        EcommerceKpis.orders(),
        EcommerceKpis.gmv(),
        EcommerceKpis.averageOrderValue(),
        EcommerceKpis.onTimeShippingRate(Orders.AS_OF),
        EcommerceKpis.returnRate(),
        kpi("p90-ship-delay", "p90 ship delay", "hours", Direction.LOWER_IS_BETTER,
            Measure.quantile("delayHours", 0.9)),
        kpi("median-ship-delay", "Median ship delay (histogram)", "hours", Direction.LOWER_IS_BETTER,
            ImmutableQuantileMeasure.builder().field("delayHours").q(0.5).significantDigits(2)
                .build()),
        kpi("buyers", "Buyers", "members", Direction.HIGHER_IS_BETTER, Measure.distinct("member")),
        kpi("mean-rating", "Mean rating", "stars", Direction.HIGHER_IS_BETTER, Measure.mean("rating")),
        kpi("five-star-share", "Five-star share", "%", Direction.HIGHER_IS_BETTER,
            Measure.ratio(RatioTerm.count(compare("rating", Comparison.GE, 5)), RatioTerm.count(exists("rating")))),
        kpi("shipping-fees", "Shipping fees", "CNY", Direction.LOWER_IS_BETTER, Measure.sum("shippingFee")),
        kpi("fee-per-paid-order", "Fee per order that paid shipping", "CNY", Direction.LOWER_IS_BETTER,
            Measure.ratio(RatioTerm.sum("shippingFee"), RatioTerm.count(compare("shippingFee", Comparison.GT, 0)))),
        Kpi.builder().from(kpi("returned-gmv", "GMV of returned orders", "cents", Direction.LOWER_IS_BETTER,
            Measure.sum("amountCents"))).filter(eq("returned", true)).build());
  }

  private static Kpi kpi(String id, String name, String unit, Direction direction, Measure measure) {
    return Kpi.builder().id(id).name(name).unit(unit).direction(direction).measure(measure).build();
  }

  /** The same KPIs as a single-JVM finegrain query: by ISO week (UTC) and channel. */
  public static KpiQuery weeklyQuery() {
    return KpiQuery.builder().addAllKpis(all()).timeField("createdAt").grain(Grain.ISO_WEEK)
        .putDerivedField("delayHours", Formula.parse("(shippedAt - createdAt) // 1h"))
        .addGroupBy("channel").build();
  }
}
