package dev.finegrain.kpi;

import static dev.finegrain.core.testing.Gens.booleans;
import static dev.finegrain.core.testing.Gens.doubles;
import static dev.finegrain.core.testing.Gens.lists;
import static dev.finegrain.core.testing.Gens.oneOf;
import static dev.finegrain.core.testing.Theories.qt;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;

/** Laws of the display rounding of a change's effects, over generated effects. */
class RoundedEffectsProperties {
  private static final Kpi PERCENT = EcommerceKpis.returnRate();
  private static final Kpi MINUTES = Kpi.builder().id("wait").name("Wait").unit("min")
      .measure(Measure.mean("minutes")).build();
  private static final Pattern FIGURE = Pattern.compile("[+-][0-9,]+\\.[0-9]{2}");

  /** A group's exact effects: any double, or one with few decimals so that halves and whole units occur. */
  private record Effects(double rate, double mix) {}

  private static Gen<Double> effect() {
    return oneOf(doubles(-0.3, 0.3), doubles(-0.3, 0.3, 4), doubles(-0.3, 0.3, 5), doubles(-40, 40, 3));
  }

  private static Gen<List<Effects>> groups() {
    return lists(effect().zip(effect(), Effects::new), 1, 12);
  }

  /** A change as {@link KpiChanges} makes one: the change is the exact sum rounded once to a double. */
  private static KpiChange change(List<Effects> effects, boolean percent) {
    List<KpiChange.Contribution> contributions = new ArrayList<>();
    BigDecimal rate = BigDecimal.ZERO;
    BigDecimal mix = BigDecimal.ZERO;
    for (int i = 0; i < effects.size(); i++) {
      Effects e = effects.get(i);
      BigDecimal total = new BigDecimal(e.rate()).add(new BigDecimal(e.mix()));
      contributions.add(new KpiChange.Contribution("g" + i, false, OptionalDouble.of(0.5), OptionalDouble.of(0.5),
          1.0 / effects.size(), 1.0 / effects.size(), 100, 100, e.rate(), e.mix(), total.doubleValue(), false));
      rate = rate.add(new BigDecimal(e.rate()));
      mix = mix.add(new BigDecimal(e.mix()));
    }
    return new KpiChange(percent ? PERCENT : MINUTES, "channel", "before", "after", 0.5, 0.5,
        rate.add(mix).doubleValue(), rate.doubleValue(), mix.doubleValue(), contributions, 30);
  }

  /** {@code value} in display units: 0.01 pp of a percent KPI, 0.01 of the unit otherwise. */
  private static BigDecimal units(double value, boolean percent) {
    return new BigDecimal(value).movePointRight(percent ? 4 : 2);
  }

  private static void assertWithin(BigDecimal shownUnits, BigDecimal exactUnits, int units, String what) {
    assertTrue(shownUnits.subtract(exactUnits).abs().compareTo(BigDecimal.valueOf(units)) < 0,
        () -> what + ": shown " + shownUnits + " units, exact " + exactUnits.round(MathContext.DECIMAL64));
  }

  @Test
  void rowsAndColumnsAddUpToTheRoundedChangeAndEachEffectIsWithinOneUnit() {
    qt().forAll(groups(), booleans()).checkAssert((effects, percent) -> {
      KpiChange change = change(effects, percent);
      RoundedEffects shown = RoundedEffects.of(change);
      BigDecimal rateSum = BigDecimal.ZERO;
      BigDecimal mixSum = BigDecimal.ZERO;
      BigDecimal exactRate = BigDecimal.ZERO;
      BigDecimal exactMix = BigDecimal.ZERO;
      assertEquals(effects.size(), shown.rows().size());
      for (int i = 0; i < effects.size(); i++) {
        RoundedEffects.Row row = shown.rows().get(i);
        KpiChange.Contribution c = change.contributions().get(i);
        assertEquals(c.group(), row.group());
        BigDecimal rate = row.rateEffect().movePointRight(2);
        BigDecimal mix = row.mixEffect().movePointRight(2);
        assertWithin(rate, units(c.rateEffect(), percent), 1, c.group() + " rate");
        assertWithin(mix, units(c.mixEffect(), percent), 1, c.group() + " mix");
        assertWithin(row.total().movePointRight(2), units(c.rateEffect(), percent).add(units(c.mixEffect(), percent)),
            2, c.group() + " total");
        assertEquals(0, row.rateEffect().add(row.mixEffect()).compareTo(row.total()));
        rateSum = rateSum.add(row.rateEffect());
        mixSum = mixSum.add(row.mixEffect());
        exactRate = exactRate.add(units(c.rateEffect(), percent));
        exactMix = exactMix.add(units(c.mixEffect(), percent));
      }
      assertEquals(0, rateSum.compareTo(shown.all().rateEffect()), "the rate column adds up");
      assertEquals(0, mixSum.compareTo(shown.all().mixEffect()), "the mix column adds up");
      assertWithin(rateSum.movePointRight(2), exactRate, 1, "rate column");
      assertWithin(mixSum.movePointRight(2), exactMix, 1, "mix column");
      assertEquals(change.formatEffect(change.change()), shown.format(shown.all().total()),
          "the all row's total is the change rounded on its own");
    });
  }

  @Test
  void theFiguresToTextPrintsAddUpAcrossEachLineAndDownEachColumn() {
    qt().forAll(groups(), booleans()).checkAssert((effects, percent) -> {
      KpiChange change = change(effects, percent);
      List<String> lines = change.toText().lines().toList();
      BigDecimal[] columns = {BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO};
      for (int i = 0; i < effects.size(); i++) {
        BigDecimal[] line = figures(lines.get(2 + i));
        assertEquals(0, line[0].add(line[1]).compareTo(line[2]), lines.get(2 + i));
        for (int j = 0; j < 3; j++) {
          columns[j] = columns[j].add(line[j]);
        }
      }
      BigDecimal[] all = figures(lines.get(2 + effects.size()));
      for (int j = 0; j < 3; j++) {
        assertEquals(0, columns[j].compareTo(all[j]), () -> String.join("\n", lines));
      }
      Matcher header = FIGURE.matcher(lines.get(0));
      assertTrue(header.find(), lines.get(0));
      assertEquals(0, new BigDecimal(header.group().replace(",", "")).compareTo(all[2]), () -> "the change as the first line shows it\n"
          + String.join("\n", lines));
    });
  }

  /** The last three signed figures of a line of the text: rate effect, mix effect, total. */
  private static BigDecimal[] figures(String line) {
    List<BigDecimal> found = new ArrayList<>();
    Matcher m = FIGURE.matcher(line);
    while (m.find()) {
      found.add(new BigDecimal(m.group().replace(",", "")));
    }
    int n = found.size();
    assertTrue(n >= 3, line);
    return new BigDecimal[] {found.get(n - 3), found.get(n - 2), found.get(n - 1)};
  }
}
