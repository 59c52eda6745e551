package dev.finegrain.kpi;

import static dev.finegrain.core.condition.Condition.compare;
import static dev.finegrain.core.condition.Condition.compareFields;
import static dev.finegrain.core.condition.Condition.eq;
import static dev.finegrain.core.condition.Condition.exists;
import static dev.finegrain.core.condition.Condition.or;

import dev.finegrain.core.condition.Comparison;
import java.time.Instant;

/**
 * Ready definitions of the KPIs e-commerce teams track, each documented with its formula, its
 * edge cases and the convention it follows. They read conventionally named fields (listed per
 * KPI); for other names, copy one with {@code Kpi.builder().from(kpi)} and change its measure.
 *
 * <pre>{@code
 * KpiQuery weekly = KpiQuery.builder()
 *     .addKpis(EcommerceKpis.orders(), EcommerceKpis.gmv(), EcommerceKpis.onTimeShippingRate(asOf))
 *     .timeField("createdAt").grain(Grain.ISO_WEEK).addGroupBy("channel")
 *     .build();
 * }</pre>
 *
 * Targets are common starting points, not benchmarks; set your own with {@code Kpi.builder().from(kpi).target(...)}.
 *
 * @since 0.1
 */
public final class EcommerceKpis {
  /** Whole minutes from {@code createdAt} to {@code firstResponseAt}: add it to a query's derived fields. */
  public static final Formula FIRST_RESPONSE_MINUTES = Formula.parse("(firstResponseAt - createdAt) // 1min");

  private EcommerceKpis() {}

  private static Kpi.Builder kpi(String id, String name, String unit, Direction direction, String description) {
    return Kpi.builder().id(id).name(name).unit(unit).direction(direction).description(description);
  }

  /**
   * Orders: the number of order records.
   *
   * @return the KPI definition
   */
  public static Kpi orders() {
    return kpi("orders", "Orders", "orders", Direction.HIGHER_IS_BETTER, "count of order records").measure(
        Measure.count()).build();
  }

  /**
   * GMV: the sum of {@code amountCents} over orders, in cents, before refunds and returns
   * (gross merchandise value as marketplaces report it).
   *
   * @return the KPI definition
   */
  public static Kpi gmv() {
    return kpi("gmv", "GMV", "cents", Direction.HIGHER_IS_BETTER,
        "sum(amountCents) over all orders, before refunds and returns; empty never, 0 for no orders")
        .measure(Measure.sum("amountCents")).build();
  }

  /**
   * Average order value: the mean of {@code amountCents}; empty when there are no orders.
   *
   * @return the KPI definition
   */
  public static Kpi averageOrderValue() {
    return kpi("aov", "Average order value", "cents", Direction.HIGHER_IS_BETTER,
        "mean(amountCents) = GMV / orders; empty when there are no orders")
        .measure(Measure.mean("amountCents")).build();
  }

  /**
   * On-time shipping rate as of {@code asOf}: orders shipped no later than {@code promisedShipBy}
   * among orders that are due — shipped, or promised before {@code asOf}. An order not shipped and
   * past its promise counts as late; one not shipped and not yet due is left out (it can still be
   * on time). Fields {@code shippedAt} (absent until shipped) and {@code promisedShipBy}. Target
   * 95%, amber from 93%.
   *
   * @param asOf the instant at which due orders are judged
   * @return the KPI definition
   */
  public static Kpi onTimeShippingRate(Instant asOf) {
    return kpi("on-time-shipping-rate", "On-time shipping rate", "%", Direction.HIGHER_IS_BETTER,
        "orders with shippedAt <= promisedShipBy / orders due (shipped, or promisedShipBy before " + asOf
            + "); unshipped overdue orders count as late; empty when no order is due")
        .measure(Measure.ratio(RatioTerm.count(compareFields("shippedAt", Comparison.LE, "promisedShipBy")),
            RatioTerm.count(or(exists("shippedAt"), compare("promisedShipBy", Comparison.LT, asOf)))))
        .target(Target.of(0.95, 0.02)).build();
  }

  /**
   * Product information accuracy rate: audited listings that conform to their standard among
   * audited listings, over listing-audit records with a boolean {@code conforms} (a core
   * {@code Conformance.conforms()}). Target 98%.
   *
   * @return the KPI definition
   */
  public static Kpi informationAccuracyRate() {
    return kpi("info-accuracy", "Product information accuracy rate", "%", Direction.HIGHER_IS_BETTER,
        "audits with conforms = true / audits; fed by core Conformance results; empty without audits")
        .measure(Measure.share(eq("conforms", true))).target(Target.of(0.98, 0.01)).build();
  }

  /**
   * Oversell rate: orders accepted without stock to fill them (boolean {@code oversold}) among
   * orders. Target at most 0.5%.
   *
   * @return the KPI definition
   */
  public static Kpi oversellRate() {
    return kpi("oversell-rate", "Oversell rate", "%", Direction.LOWER_IS_BETTER,
        "orders with oversold = true / orders; empty without orders")
        .measure(Measure.share(eq("oversold", true))).target(Target.of(0.005, 0.005)).build();
  }

  /**
   * Stock-out rate: SKU-days with nothing on hand among SKU-days, over daily stock snapshots with
   * a whole-number {@code onHand}. Target at most 2%.
   *
   * @return the KPI definition
   */
  public static Kpi stockOutRate() {
    return kpi("stock-out-rate", "Stock-out rate", "%", Direction.LOWER_IS_BETTER,
        "snapshots with onHand <= 0 / snapshots (one per SKU and day); empty without snapshots")
        .measure(Measure.share(compare("onHand", Comparison.LE, 0))).target(Target.of(0.02, 0.01)).build();
  }

  /**
   * Return rate: orders with boolean {@code returned} among orders. Target at most 5%.
   *
   * @return the KPI definition
   */
  public static Kpi returnRate() {
    return kpi("return-rate", "Return rate", "%", Direction.LOWER_IS_BETTER,
        "orders with returned = true / orders, by order date; empty without orders")
        .measure(Measure.share(eq("returned", true))).target(Target.of(0.05, 0.01)).build();
  }

  /**
   * Conversion rate: sessions that placed an order (boolean {@code converted}) among sessions,
   * over session records. Target 3%.
   *
   * @return the KPI definition
   */
  public static Kpi conversionRate() {
    return kpi("conversion-rate", "Conversion rate", "%", Direction.HIGHER_IS_BETTER,
        "sessions with converted = true / sessions; empty without sessions")
        .measure(Measure.share(eq("converted", true))).target(Target.of(0.03, 0.005)).build();
  }

  /**
   * CSAT: survey responses scoring 4 or 5 among responses, over response records with a
   * whole-number {@code score} from 1 to 5 (the usual top-two-box convention). Target 90%.
   *
   * @return the KPI definition
   */
  public static Kpi csat() {
    return kpi("csat", "Customer satisfaction (CSAT)", "%", Direction.HIGHER_IS_BETTER,
        "responses with score >= 4 / responses (top-two-box on a 1-5 scale); empty without responses")
        .measure(Measure.share(compare("score", Comparison.GE, 4))).target(Target.of(0.90, 0.05)).build();
  }

  /**
   * First-response time p90 in minutes: the nearest-rank 90th percentile of
   * {@link #FIRST_RESPONSE_MINUTES} over service tickets (add that formula as the derived field
   * {@code firstResponseMinutes}); tickets without a response are left out. Target 30 minutes.
   *
   * @return the KPI definition
   */
  public static Kpi firstResponseTimeP90() {
    return kpi("first-response-p90", "First-response time p90", "min", Direction.LOWER_IS_BETTER,
        "p90 (nearest rank) of (firstResponseAt - createdAt) // 1min; tickets without a response are left out")
        .measure(Measure.quantile("firstResponseMinutes", 0.9)).target(Target.of(30, 15)).build();
  }

  /**
   * Repeat purchase rate: customers with two or more orders among customers who ordered, over
   * customer records with a whole-number {@code orders} count for the period. Target 25%.
   *
   * @return the KPI definition
   */
  public static Kpi repeatPurchaseRate() {
    return kpi("repeat-purchase-rate", "Repeat purchase rate", "%", Direction.HIGHER_IS_BETTER,
        "customers with orders >= 2 / customers with orders >= 1; empty without customers")
        .measure(Measure.ratio(RatioTerm.count(compare("orders", Comparison.GE, 2)),
            RatioTerm.count(compare("orders", Comparison.GE, 1))))
        .target(Target.of(0.25, 0.05)).build();
  }

  /**
   * Sell-through rate: units sold over units received, over inventory records with whole-number
   * {@code unitsSold} and {@code unitsReceived}. Target 80%.
   *
   * @return the KPI definition
   */
  public static Kpi sellThroughRate() {
    return kpi("sell-through-rate", "Sell-through rate", "%", Direction.HIGHER_IS_BETTER,
        "sum(unitsSold) / sum(unitsReceived); empty when nothing was received")
        .measure(Measure.ratio(RatioTerm.sum("unitsSold"), RatioTerm.sum("unitsReceived")))
        .target(Target.of(0.80, 0.10)).build();
  }
}
