package dev.finegrain.examples.dashboard;

import dev.finegrain.examples.dashboard.WeeklyDashboard.Report;
import dev.finegrain.kpi.Kpi;
import dev.finegrain.kpi.KpiCell;
import dev.finegrain.kpi.Status;
import dev.finegrain.kpi.incentive.Payout;
import dev.finegrain.kpi.incentive.PayoutLine;
import dev.finegrain.kpi.Direction;
import dev.finegrain.kpi.Target;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.function.DoubleUnaryOperator;
import java.util.function.IntToDoubleFunction;

/**
 * The dashboard as one self-contained HTML file: inline CSS, inline SVG, no scripts, no fonts or
 * images to fetch. Status tiles for the latest week, a trend chart per headline KPI with a line per
 * channel and the target dashed, and the bonus table.
 */
final class DashboardHtml {
  /** The KPIs charted over the four weeks. */
  static final List<Kpi> CHARTED = List.of(WeeklyDashboard.ORDERS, WeeklyDashboard.GMV, WeeklyDashboard.ON_TIME,
      WeeklyDashboard.CONVERSION, WeeklyDashboard.CSAT);

  static final int W = 640;
  static final int H = 270;
  static final int LEFT = 62;
  static final int RIGHT = 165;
  private static final int TOP = 20;
  private static final int BOTTOM = 36;

  private DashboardHtml() {}

  static String render(Report r) {
    return render(r, "");
  }

  /** The report with {@code sections} (self-contained HTML, such as the retrospective's) before its footer. */
  static String render(Report r, String sections) {
    StringBuilder html = new StringBuilder();
    String latest = r.latestWeek();
    html.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
        .append("<title>").append(esc(r.team().name())).append(" weekly dashboard ").append(latest)
        .append("</title>\n<style>\n").append(CSS).append("</style>\n</head>\n<body>\n");
    html.append("<h1>").append(esc(r.team().name())).append(": weekly dashboard</h1>\n<p class=\"sub\">")
        .append(esc(r.weeks().get(0))).append(" to ").append(esc(latest))
        .append(", weeks from Monday in Asia/Shanghai. Status against each KPI's target: ")
        .append("<span class=\"GREEN\">GREEN</span> on target, <span class=\"AMBER\">AMBER</span> short but within")
        .append(" the amber band, <span class=\"RED\">RED</span> off target; * fewer than 30 records")
        .append(" behind the value (for a rate, those its denominator counts).</p>\n");

    html.append("<h2>").append(esc(latest)).append(" by channel</h2>\n<div class=\"channels\">\n");
    List<String> columns = new java.util.ArrayList<>(ShopData.CHANNELS);
    columns.add(null);
    for (String channel : columns) {
      html.append("<section class=\"channel\"><h3>").append(channel == null ? "whole shop" : esc(channel))
          .append("</h3>\n<div class=\"tiles\">\n");
      for (var e : WeeklyDashboard.LABELS.entrySet()) {
        Kpi kpi = e.getKey();
        Optional<KpiCell> cell = r.cell(latest, channel, kpi);
        Status status = cell.map(KpiCell::status).orElse(Status.UNKNOWN);
        String value = cell.map(c -> Figures.value(kpi, c.value()) + (c.smallSample() ? "*" : "")).orElse("-");
        String delta = r.change(latest, channel, kpi);
        html.append("<div class=\"tile ").append(status.name()).append("\"><div class=\"label\">")
            .append(esc(e.getValue())).append("</div><div class=\"value\">").append(esc(value))
            .append("</div><div class=\"status\">").append(esc(Figures.status(status)))
            .append("</div><div class=\"delta\">").append(esc(delta)).append("</div><div class=\"target\">")
            .append(esc(Figures.target(kpi))).append("</div></div>\n");
      }
      html.append("</div></section>\n");
    }
    html.append("</div>\n");

    html.append("<h2>Four-week trend</h2>\n<div class=\"charts\">\n");
    for (Kpi kpi : CHARTED) {
      html.append(chart(r, kpi));
    }
    html.append("</div>\n");

    html.append("<h2>").append(esc(r.plan().name())).append("</h2>\n<table class=\"pay\">\n")
        .append("<tr><th>member</th><th>team</th><th>payout (").append(esc(r.plan().currency()))
        .append(")</th><th>why</th></tr>\n");
    for (Payout p : r.payouts()) {
      html.append("<tr><td>").append(esc(r.memberName(p.memberId()))).append("</td><td>")
          .append(esc(WeeklyDashboard.TEAMS.get(p.memberId()))).append("</td><td class=\"num\">")
          .append(WeeklyDashboard.cny(p.total())).append("</td><td><ul>");
      for (PayoutLine line : WeeklyDashboard.explained(p)) {
        html.append("<li").append(line.passed() ? "" : " class=\"fail\"").append(">")
            .append(esc(WeeklyDashboard.kpiNames(line.text()))).append("</li>");
      }
      html.append("</ul></td></tr>\n");
    }
    html.append("<tr class=\"total\"><th>total</th><td></td><td class=\"num\">")
        .append(WeeklyDashboard.cny(WeeklyDashboard.total(r))).append("</td><td>")
        .append(r.payouts().size()).append(" members on the plan</td></tr>\n");
    html.append("</table>\n").append(sections);
    html.append("<p class=\"sub\">Generated data (fixed seed ").append(ShopData.SEED)
        .append(") computed with finegrain-kpi.</p>\n</body>\n</html>\n");
    return html.toString();
  }

  /** A series of a chart: a channel, or the whole shop when {@code channel} is null. */
  record Series(String channel, String label, String colour, String dash, double width) {}

  /**
   * The series of every chart: a status-neutral palette of blues and violets (no red, amber or
   * green, which mean status here) whose lightness steps apart so the lines stay apart in
   * greyscale, each with its own dash pattern; the whole shop a thicker near-black line.
   */
  static final List<Series> SERIES = List.of(
      new Series(ShopData.CHANNELS.get(0), ShopData.CHANNELS.get(0), "#1b3a8c", "", 2),
      new Series(ShopData.CHANNELS.get(1), ShopData.CHANNELS.get(1), "#6741d9", "7 3", 2),
      new Series(ShopData.CHANNELS.get(2), ShopData.CHANNELS.get(2), "#1c7ed6", "2 3", 2),
      new Series(ShopData.CHANNELS.get(3), ShopData.CHANNELS.get(3), "#9775fa", "9 3 2 3", 2),
      new Series(null, "whole shop", "#212529", "", 3.5));

  /** Vertical room one end-of-line label needs (12 px text and a little air). */
  static final double LABEL_HEIGHT = 14;

  /** A line chart of {@code kpi} over the weeks: a line per channel and one for the whole shop, the target dashed. */
  static String chart(Report r, Kpi kpi) {
    List<String> weeks = r.weeks();
    List<Double> values = new ArrayList<>();
    for (String week : weeks) {
      for (Series series : SERIES) {
        r.cell(week, series.channel(), kpi).map(KpiCell::value).filter(OptionalDouble::isPresent)
            .ifPresent(v -> values.add(v.getAsDouble()));
      }
    }
    Optional<Target> target = kpi.target();
    Optional<Double> amber = target.filter(t -> t.amberWithin() > 0).map(t -> higherIsBetter(kpi)
        ? t.value() - t.amberWithin() : t.value() + t.amberWithin());
    target.ifPresent(t -> values.add(t.value()));
    amber.ifPresent(values::add);
    Axis axis = Axis.of(values.stream().mapToDouble(Double::doubleValue).min().orElse(0),
        values.stream().mapToDouble(Double::doubleValue).max().orElse(1), kpi.isPercent());
    double plotW = W - LEFT - RIGHT;
    double plotH = H - TOP - BOTTOM;
    DoubleUnaryOperator y = v -> TOP + plotH * (1 - (v - axis.lo()) / (axis.hi() - axis.lo()));
    IntToDoubleFunction x = i -> LEFT + (weeks.size() == 1 ? plotW / 2 : plotW * i / (weeks.size() - 1));

    String title = WeeklyDashboard.LABELS.get(kpi);
    StringBuilder svg = new StringBuilder();
    svg.append("<figure><figcaption>").append(esc(title))
        .append(target.isPresent() ? ", target " + esc(Figures.target(kpi)) + " (dashed line; amber band shaded)" : "")
        .append("</figcaption>\n<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 ").append(W).append(' ')
        .append(H).append("\" width=\"").append(W).append("\" height=\"").append(H)
        .append("\" role=\"img\" aria-label=\"").append(esc(title)).append(" by channel and week\">\n");
    if (target.isPresent() && amber.isPresent()) {
      double a = y.applyAsDouble(amber.get());
      double t = y.applyAsDouble(target.get().value());
      svg.append("<rect class=\"amber-band\" x=\"").append(LEFT).append("\" width=\"").append(num(plotW))
          .append("\" y=\"").append(num(Math.min(a, t))).append("\" height=\"").append(num(Math.abs(a - t)))
          .append("\"><title>amber band: ").append(esc(Figures.target(kpi))).append("</title></rect>\n");
    }
    for (BigDecimal tick : axis.ticks()) {
      String yy = num(y.applyAsDouble(tick.doubleValue()));
      svg.append("<line class=\"grid\" x1=\"").append(LEFT).append("\" x2=\"").append(W - RIGHT)
          .append("\" y1=\"").append(yy).append("\" y2=\"").append(yy).append("\"/><text class=\"axis tick\" x=\"")
          .append(LEFT - 6).append("\" y=\"").append(yy).append("\" data-value=\"").append(tick.toPlainString())
          .append("\" text-anchor=\"end\" dominant-baseline=\"middle\">").append(esc(tickLabel(kpi, tick)))
          .append("</text>\n");
    }
    for (int i = 0; i < weeks.size(); i++) {
      svg.append("<text class=\"axis\" x=\"").append(num(x.applyAsDouble(i))).append("\" y=\"").append(H - 12)
          .append("\" text-anchor=\"middle\">").append(esc(weeks.get(i))).append("</text>\n");
    }
    List<EndLabel> labels = new ArrayList<>();
    if (target.isPresent()) {
      double ty = y.applyAsDouble(target.get().value());
      String yy = num(ty);
      svg.append("<line class=\"target\" x1=\"").append(LEFT).append("\" x2=\"").append(W - RIGHT)
          .append("\" y1=\"").append(yy).append("\" y2=\"").append(yy).append("\"/>\n");
      labels.add(new EndLabel("target " + Figures.value(kpi, OptionalDouble.of(target.get().value())), "#495057",
          ty));
    }
    for (Series series : SERIES) {
      StringBuilder points = new StringBuilder();
      StringBuilder dots = new StringBuilder();
      double lastY = Double.NaN;
      String lastValue = "";
      for (int i = 0; i < weeks.size(); i++) {
        Optional<KpiCell> cell = r.cell(weeks.get(i), series.channel(), kpi);
        if (cell.isEmpty() || cell.get().value().isEmpty()) {
          continue;
        }
        double v = cell.get().value().getAsDouble();
        String px = num(x.applyAsDouble(i));
        String py = num(y.applyAsDouble(v));
        lastY = y.applyAsDouble(v);
        lastValue = Figures.isMoney(kpi) ? tickLabel(kpi, BigDecimal.valueOf(Math.round(v))) // whole yuan
            : Figures.value(kpi, cell.get().value());
        points.append(points.length() == 0 ? "" : " ").append(px).append(',').append(py);
        dots.append("<circle cx=\"").append(px).append("\" cy=\"").append(py).append("\" r=\"3.5\" fill=\"")
            .append(series.colour()).append("\"><title>").append(esc(series.label())).append(' ')
            .append(esc(weeks.get(i))).append(": ").append(esc(Figures.cell(kpi, cell.get()))).append("</title></circle>\n");
      }
      svg.append("<polyline class=\"series\" data-series=\"").append(esc(series.label()))
          .append("\" fill=\"none\" stroke=\"").append(series.colour()).append("\" stroke-width=\"")
          .append(series.width()).append('"')
          .append(series.dash().isEmpty() ? "" : " stroke-dasharray=\"" + series.dash() + "\"")
          .append(" points=\"").append(points).append("\"/>\n").append(dots);
      if (!Double.isNaN(lastY)) {
        labels.add(new EndLabel(series.label() + " " + lastValue, series.colour(), lastY));
      }
    }
    List<Double> placed = placeLabels(labels.stream().map(EndLabel::y).toList(), TOP + LABEL_HEIGHT / 2,
        H - BOTTOM - LABEL_HEIGHT / 2);
    for (int i = 0; i < labels.size(); i++) {
      EndLabel label = labels.get(i);
      double ly = placed.get(i);
      if (Math.abs(ly - label.y()) > 1) { // a leader from the line's end to its moved label
        svg.append("<line class=\"leader\" x1=\"").append(W - RIGHT + 2).append("\" y1=\"").append(num(label.y()))
            .append("\" x2=\"").append(W - RIGHT + 8).append("\" y2=\"").append(num(ly)).append("\" stroke=\"")
            .append(label.colour()).append("\"/>\n");
      }
      svg.append("<text class=\"end-label\" x=\"").append(W - RIGHT + 10).append("\" y=\"").append(num(ly))
          .append("\" fill=\"").append(label.colour()).append("\" dominant-baseline=\"middle\">")
          .append(esc(label.text())).append("</text>\n");
    }
    svg.append("</svg></figure>\n");
    return svg.toString();
  }

  private record EndLabel(String text, String colour, double y) {}

  private static boolean higherIsBetter(Kpi kpi) {
    return kpi.direction().map(d -> d == Direction.HIGHER_IS_BETTER).orElse(true);
  }

  /**
   * Where labels wanted at {@code wanted} (in any order) go so that no two are closer than
   * {@link #LABEL_HEIGHT}, each as near its line's end as that allows, all within {@code [top, bottom]}
   * (when they fit). Returns the placed positions in the order given.
   */
  static List<Double> placeLabels(List<Double> wanted, double top, double bottom) {
    int n = wanted.size();
    Integer[] order = new Integer[n];
    for (int i = 0; i < n; i++) {
      order[i] = i;
    }
    java.util.Arrays.sort(order, (a, b) -> Double.compare(wanted.get(a), wanted.get(b)));
    double[] y = new double[n];
    for (int k = 0; k < n; k++) {
      y[k] = Math.max(wanted.get(order[k]), k == 0 ? top : y[k - 1] + LABEL_HEIGHT);
    }
    for (int k = n - 1; k >= 0; k--) { // pushed past the bottom: move the stack up
      double limit = k == n - 1 ? bottom : y[k + 1] - LABEL_HEIGHT;
      y[k] = Math.min(y[k], limit);
    }
    Double[] out = new Double[n];
    for (int k = 0; k < n; k++) {
      out[order[k]] = y[k];
    }
    return List.of(out);
  }

  /** A tick as a reader wants it: {@code 95%}, {@code 97.5%}; yuan without decimals for money; whole counts. */
  static String tickLabel(Kpi kpi, BigDecimal tick) {
    DecimalFormat whole = new DecimalFormat("#,##0", DecimalFormatSymbols.getInstance(Locale.ROOT));
    if (kpi.isPercent()) {
      return tick.movePointRight(2).stripTrailingZeros().toPlainString() + "%";
    }
    if (Figures.isMoney(kpi)) {
      return whole.format(tick.movePointLeft(2));
    }
    return whole.format(tick);
  }

  /**
   * A value axis with round ticks: a step of 1, 2, 2.5 or 5 times a power of ten, about four
   * steps across the data, ends on ticks; a rate's axis never leaves 0 to 100%, and nothing here
   * goes below 0.
   */
  record Axis(double lo, double hi, List<BigDecimal> ticks) {
    static Axis of(double min, double max, boolean rate) {
      double span = max - min;
      if (span <= 0) {
        span = Math.max(Math.abs(max) * 0.1, rate ? 0.01 : 1);
      }
      BigDecimal step = niceStep(span / 4);
      BigDecimal lo = BigDecimal.valueOf(min).divide(step, 0, RoundingMode.FLOOR).multiply(step);
      BigDecimal hi = BigDecimal.valueOf(max).divide(step, 0, RoundingMode.CEILING).multiply(step);
      if (hi.compareTo(lo) == 0) {
        hi = hi.add(step);
      }
      lo = lo.max(BigDecimal.ZERO);
      if (rate) {
        hi = hi.min(BigDecimal.ONE);
        lo = lo.min(hi.subtract(step));
      }
      List<BigDecimal> ticks = new ArrayList<>();
      for (BigDecimal t = lo; t.compareTo(hi) <= 0; t = t.add(step)) {
        ticks.add(t.stripTrailingZeros());
      }
      return new Axis(lo.doubleValue(), hi.doubleValue(), List.copyOf(ticks));
    }

    static BigDecimal niceStep(double raw) {
      int exponent = (int) Math.floor(Math.log10(raw));
      BigDecimal power = BigDecimal.ONE.scaleByPowerOfTen(exponent);
      for (String m : new String[] {"1", "2", "2.5", "5", "10"}) {
        BigDecimal step = new BigDecimal(m).multiply(power);
        if (step.doubleValue() >= raw) {
          return step;
        }
      }
      return BigDecimal.TEN.multiply(power);
    }
  }

  private static String num(double v) {
    return String.format(Locale.ROOT, "%.1f", v);
  }

  static String esc(String text) {
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
  }

  private static final String CSS = String.join("\n",
      "body{font-family:system-ui,-apple-system,'PingFang SC','Microsoft YaHei',sans-serif;margin:24px;color:#212529;"
          + "background:#f8f9fa}",
      "h1{margin:0 0 4px}h2{margin-top:28px}.sub{color:#495057;font-size:14px}",
      ".channels{display:grid;grid-template-columns:repeat(auto-fill,minmax(330px,1fr));gap:14px}",
      ".channel{background:#fff;border-radius:8px;padding:10px 12px;box-shadow:0 1px 3px rgba(0,0,0,.12)}",
      ".channel h3{margin:0 0 8px}",
      ".tiles{display:grid;grid-template-columns:repeat(3,1fr);gap:6px}",
      ".tile{border-radius:6px;padding:6px 8px;background:#e9ecef;font-size:12px}",
      ".tile .value{font-size:20px;font-weight:600}.tile .status{font-weight:700;letter-spacing:.04em}",
      ".tile .delta,.tile .target{color:#495057}",
      ".tile.GREEN{background:#d3f9d8}.tile.AMBER{background:#fff3bf}.tile.RED{background:#ffe3e3}",
      "span.GREEN{color:#2b8a3e;font-weight:700}span.AMBER{color:#e67700;font-weight:700}"
          + "span.RED{color:#c92a2a;font-weight:700}",
      ".charts{display:flex;flex-wrap:wrap;gap:16px}",
      "figure{margin:0;background:#fff;border-radius:8px;padding:8px;box-shadow:0 1px 3px rgba(0,0,0,.12)}",
      "figcaption{font-weight:600;margin:4px 8px}",
      "svg .grid{stroke:#dee2e6}svg .target{stroke:#495057;stroke-dasharray:5 4}",
      "svg .axis{font-size:11px;fill:#495057}svg .end-label{font-size:12px;font-weight:600}",
      "svg .amber-band{fill:#ffe066;fill-opacity:.35}svg .leader{stroke-width:1}",
      "table.pay{border-collapse:collapse;background:#fff}table.pay td,table.pay th{border:1px solid #dee2e6;"
          + "padding:6px 10px;vertical-align:top;text-align:left}",
      "table.pay td.num{text-align:right;font-variant-numeric:tabular-nums}table.pay ul{margin:0;padding-left:18px}",
      "li.fail{color:#c92a2a}table.pay tr.total th,table.pay tr.total td{font-weight:700;border-top:2px solid #495057}",
      "");
}
