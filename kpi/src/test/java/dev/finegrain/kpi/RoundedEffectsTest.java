package dev.finegrain.kpi;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;

class RoundedEffectsTest {
  private static BigDecimal[] values(String... values) {
    return java.util.Arrays.stream(values).map(BigDecimal::new).toArray(BigDecimal[]::new);
  }

  private static BigInteger[] whole(long... values) {
    return java.util.Arrays.stream(values).mapToObj(BigInteger::valueOf).toArray(BigInteger[]::new);
  }

  @Test
  void largestRemainderRoundsUpTheLargestFractionsUntilTheTargetIsMet() {
    // floors 1 + 2 + 0 = 3, target 5: the two largest fractions (.7 and .6) go up, .2 stays down
    assertArrayEquals(whole(2, 3, 0), RoundedEffects.largestRemainder(values("1.6", "2.7", "0.2"), BigInteger.valueOf(5)));
    // negative values round towards their floor first: -0.4 is -1 + 0.6
    assertArrayEquals(whole(0, -1), RoundedEffects.largestRemainder(values("-0.4", "-0.7"), BigInteger.valueOf(-1)));
  }

  @Test
  void largestRemainderBreaksTiesForTheEarlierValueAndLeavesWholeValuesAlone() {
    assertArrayEquals(whole(1, 0, 3), RoundedEffects.largestRemainder(values("0.5", "0.5", "3"), BigInteger.valueOf(4)));
  }

  @Test
  void largestRemainderRefusesATargetNoRoundingReaches() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> RoundedEffects.largestRemainder(values("0.5", "3"), BigInteger.valueOf(5)));
    assertEquals("target: 5 cannot be reached by rounding [0.5, 3] up or down; expected 3 to 4", e.getMessage());
  }

  /**
   * Worked by hand: return rate 7.5% -> 10.0% (+2.50 pp) over jd (rate +1.25 pp, mix +0.5625 pp) and tmall
   * (rate -0.375 pp, mix +1.0625 pp). Each rounded on its own, tmall's line would read -0.38 + 1.06 = +0.69
   * and the rate column 1.25 - 0.38 = +0.87 against +0.88 for all.
   */
  @Test
  void theReturnRateExampleAddsUpAcrossAndDown() {
    KpiChange change = new KpiChange(EcommerceKpis.returnRate(), "channel", "before", "after", 0.075, 0.10, 0.025,
        0.00875, 0.01625, List.of(
            new KpiChange.Contribution("jd", false, OptionalDouble.of(0.10), OptionalDouble.of(0.12), 0.5, 0.75, 100, 150,
                0.0125, 0.005625, 0.018125, false),
            new KpiChange.Contribution("tmall", false, OptionalDouble.of(0.05), OptionalDouble.of(0.04), 0.5, 0.25, 100, 50,
                -0.00375, 0.010625, 0.006875, false)), 30);

    RoundedEffects shown = RoundedEffects.of(change);

    // 1. the change: 250 units of 0.01 pp
    // 2. columns: rate 87.5, mix 162.5; floors 87 + 162 = 249, one unit up; equal fractions: the rate column
    // 3. rate cells: 125 and -37.5 (floor -38, fraction .5), floors 87, target 88: tmall goes up to -37
    //    mix cells: 56.25 and 106.25, floors 162 = the target: both down
    assertEquals(new RoundedEffects.Row("jd", new BigDecimal("1.25"), new BigDecimal("0.56")), shown.rows().get(0));
    assertEquals(new RoundedEffects.Row("tmall", new BigDecimal("-0.37"), new BigDecimal("1.06")), shown.rows().get(1));
    assertEquals(new RoundedEffects.Row("all", new BigDecimal("0.88"), new BigDecimal("1.62")), shown.all());
    assertEquals("+1.81 pp", shown.format(shown.rows().get(0).total()));   // exact 1.8125
    assertEquals("+0.69 pp", shown.format(shown.rows().get(1).total()));   // exact 0.6875
    assertEquals("+2.50 pp", shown.format(shown.all().total()));
  }

  @Test
  void aFigureIsShownWithItsSignAndUnitAndZeroIsPositive() {
    assertEquals("+0.00 pp", RoundedEffects.format(new BigDecimal("-0.00"), true));
    assertEquals("-1,234.50", RoundedEffects.format(new BigDecimal("-1234.50"), false));
  }

  @Test
  void formatEffectRoundsTheExactValueOnceHalvesAwayFromZero() {
    KpiChange percent = new KpiChange(EcommerceKpis.returnRate(), "channel", "before", "after", 0.1, 0.1, 0, 0, 0,
        List.of(), 30);

    // the double 0.00065 is 0.000649999...: 0.06 pp, though 0.00065 * 100 is 0.06500000000000000222
    assertEquals("+0.06 pp", percent.formatEffect(0.00065));
    assertEquals("-0.01 pp", percent.formatEffect(-0.00005000000000000001));
    assertEquals("+0.00 pp", percent.formatEffect(-0.0));
    assertEquals("+Infinity pp", percent.formatEffect(Double.POSITIVE_INFINITY));
  }
}
