package dev.finegrain.examples.dashboard;

import dev.finegrain.examples.dashboard.WeeklyDashboard.Report;
import dev.finegrain.kpi.Kpi;
import dev.finegrain.kpi.KpiCell;
import dev.finegrain.kpi.Status;
import dev.finegrain.kpi.incentive.Payout;
import dev.finegrain.kpi.incentive.PayoutLine;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * The dashboard as one self-contained HTML file: inline CSS, inline SVG, no scripts, no fonts or
 * images to fetch. Status tiles for the latest week, a trend chart per headline KPI with a line per
 * channel and the target dashed, and the bonus table.
 */
final class DashboardHtml {
  /** The KPIs charted over the four weeks. */
  static final List<Kpi> CHARTED = List.of(WeeklyDashboard.ON_TIME, WeeklyDashboard.CONVERSION, WeeklyDashboard.CSAT);

  private static final String[] LINE_COLOURS = {"#d9480f", "#c92a2a", "#212529", "#2b8a3e"};
  private static final int W = 560;
  private static final int H = 260;
  private static final int LEFT = 56;
  private static final int RIGHT = 96;
  private static final int TOP = 20;
  private static final int BOTTOM = 36;

  private DashboardHtml() {}

  static String render(Report r) {
    StringBuilder html = new StringBuilder();
    String latest = r.latestWeek();
    html.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
        .append("<title>").append(esc(r.team().name())).append(" weekly dashboard ").append(latest)
        .append("</title>\n<style>\n").append(CSS).append("</style>\n</head>\n<body>\n");
    html.append("<h1>").append(esc(r.team().name())).append(": weekly dashboard</h1>\n<p class=\"sub\">")
        .append(esc(r.weeks().get(0))).append(" to ").append(esc(latest))
        .append(", weeks from Monday in Asia/Shanghai. Status against each KPI's target: ")
        .append("<span class=\"GREEN\">GREEN</span> on target, <span class=\"AMBER\">AMBER</span> short but within")
        .append(" the amber band, <span class=\"RED\">RED</span> off target; * fewer than 30 records.</p>\n");

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
      for (PayoutLine line : p.lines()) {
        html.append("<li").append(line.passed() ? "" : " class=\"fail\"").append(">").append(esc(line.text()))
            .append("</li>");
      }
      html.append("</ul></td></tr>\n");
    }
    html.append("</table>\n<p class=\"sub\">Generated data (fixed seed ").append(ShopData.SEED)
        .append(") computed with finegrain-kpi.</p>\n</body>\n</html>\n");
    return html.toString();
  }

  /** A line chart of {@code kpi} over the weeks, one line per channel, the target dashed. */
  static String chart(Report r, Kpi kpi) {
    List<String> weeks = r.weeks();
    double min = Double.MAX_VALUE;
    double max = -Double.MAX_VALUE;
    for (String week : weeks) {
      for (String channel : ShopData.CHANNELS) {
        OptionalDouble v = r.cell(week, channel, kpi).map(KpiCell::value).orElse(OptionalDouble.empty());
        if (v.isPresent()) {
          min = Math.min(min, v.getAsDouble());
          max = Math.max(max, v.getAsDouble());
        }
      }
    }
    OptionalDouble target = kpi.target().isPresent() ? OptionalDouble.of(kpi.target().get().value())
        : OptionalDouble.empty();
    if (target.isPresent()) {
      min = Math.min(min, target.getAsDouble());
      max = Math.max(max, target.getAsDouble());
    }
    double pad = Math.max((max - min) * 0.1, 0.005);
    double lo = Math.max(0, min - pad);
    double hi = max + pad;
    double plotW = W - LEFT - RIGHT;
    double plotH = H - TOP - BOTTOM;
    java.util.function.DoubleUnaryOperator y = v -> TOP + plotH * (1 - (v - lo) / (hi - lo));
    java.util.function.IntToDoubleFunction x = i -> LEFT + (weeks.size() == 1 ? plotW / 2 : plotW * i / (weeks.size() - 1));

    String title = WeeklyDashboard.LABELS.get(kpi);
    StringBuilder svg = new StringBuilder();
    svg.append("<figure><figcaption>").append(esc(title)).append(", target ").append(esc(Figures.target(kpi)))
        .append("</figcaption>\n<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 ").append(W).append(' ')
        .append(H).append("\" width=\"").append(W).append("\" height=\"").append(H).append("\" role=\"img\" aria-label=\"")
        .append(esc(title)).append(" by channel and week\">\n");
    for (int g = 0; g <= 4; g++) {
      double v = lo + (hi - lo) * g / 4;
      String yy = num(y.applyAsDouble(v));
      svg.append("<line class=\"grid\" x1=\"").append(LEFT).append("\" x2=\"").append(W - RIGHT).append("\" y1=\"")
          .append(yy).append("\" y2=\"").append(yy).append("\"/><text class=\"axis\" x=\"").append(LEFT - 6)
          .append("\" y=\"").append(yy).append("\" text-anchor=\"end\" dominant-baseline=\"middle\">")
          .append(esc(Figures.value(kpi, OptionalDouble.of(v)))).append("</text>\n");
    }
    for (int i = 0; i < weeks.size(); i++) {
      svg.append("<text class=\"axis\" x=\"").append(num(x.applyAsDouble(i))).append("\" y=\"").append(H - 12)
          .append("\" text-anchor=\"middle\">").append(esc(weeks.get(i))).append("</text>\n");
    }
    if (target.isPresent()) {
      String yy = num(y.applyAsDouble(target.getAsDouble()));
      svg.append("<line class=\"target\" x1=\"").append(LEFT).append("\" x2=\"").append(W - RIGHT).append("\" y1=\"")
          .append(yy).append("\" y2=\"").append(yy).append("\"/><text class=\"axis\" x=\"").append(W - RIGHT + 6)
          .append("\" y=\"").append(yy).append("\" dominant-baseline=\"middle\">target</text>\n");
    }
    for (int c = 0; c < ShopData.CHANNELS.size(); c++) {
      String channel = ShopData.CHANNELS.get(c);
      StringBuilder points = new StringBuilder();
      StringBuilder dots = new StringBuilder();
      double lastY = Double.NaN;
      for (int i = 0; i < weeks.size(); i++) {
        Optional<KpiCell> cell = r.cell(weeks.get(i), channel, kpi);
        if (cell.isEmpty() || cell.get().value().isEmpty()) {
          continue;
        }
        double v = cell.get().value().getAsDouble();
        String px = num(x.applyAsDouble(i));
        String py = num(y.applyAsDouble(v));
        lastY = y.applyAsDouble(v);
        points.append(points.length() == 0 ? "" : " ").append(px).append(',').append(py);
        dots.append("<circle cx=\"").append(px).append("\" cy=\"").append(py).append("\" r=\"3.5\" fill=\"")
            .append(LINE_COLOURS[c]).append("\"><title>").append(esc(channel)).append(' ').append(esc(weeks.get(i)))
            .append(": ").append(esc(Figures.cell(kpi, cell.get()))).append("</title></circle>\n");
      }
      svg.append("<polyline fill=\"none\" stroke=\"").append(LINE_COLOURS[c]).append("\" stroke-width=\"2\" points=\"")
          .append(points).append("\"/>\n").append(dots);
      if (!Double.isNaN(lastY)) {
        svg.append("<text class=\"legend\" x=\"").append(W - RIGHT + 8).append("\" y=\"")
            .append(num(lastY + (c - 1.5) * 3)).append("\" fill=\"").append(LINE_COLOURS[c])
            .append("\" dominant-baseline=\"middle\">").append(esc(channel)).append("</text>\n");
      }
    }
    svg.append("</svg></figure>\n");
    return svg.toString();
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
      ".channel h3{margin:0 0 8px;text-transform:capitalize}",
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
      "svg .axis{font-size:11px;fill:#495057}svg .legend{font-size:12px;font-weight:600}",
      "table.pay{border-collapse:collapse;background:#fff}table.pay td,table.pay th{border:1px solid #dee2e6;"
          + "padding:6px 10px;vertical-align:top;text-align:left}",
      "table.pay td.num{text-align:right;font-variant-numeric:tabular-nums}table.pay ul{margin:0;padding-left:18px}",
      "li.fail{color:#c92a2a}",
      "");
}
