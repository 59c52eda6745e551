package dev.finegrain.examples.dashboard;

import dev.finegrain.core.standard.Artifact;
import dev.finegrain.core.standard.Conformance;
import dev.finegrain.core.standard.StandardCatalog;
import dev.finegrain.core.standard.Violation;
import dev.finegrain.examples.listing.ListingConformance;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Four ISO weeks of generated data for the West Lake Tea shop, from a fixed seed and a fixed start
 * (no clock): orders, service tickets, listing audits and sessions on four channels.
 *
 * <p>The story in the numbers: Tmall is steady, JD ships fastest, WeChat converts best but is
 * small, and Douyin's live-stream sale in week 3 swamps the warehouse and the service desk (late
 * parcels, oversold stock, slow first responses), recovering in week 4. Guo Qiang runs the Douyin
 * queue and ships later than the others; Zhou Min's listings fail the standard more often than Lin
 * Yue's. Listing audits are real checks of generated listings against the shop's
 * {@code listing-base} standard.
 */
public final class ShopData {
  /** The seed the dashboard uses. */
  public static final long SEED = 20260302L;

  /** The shop's time zone: weeks start on Monday at midnight in Hangzhou. */
  public static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");

  /** Monday of the first week, ISO week 2026-W10. */
  public static final Instant START = OffsetDateTime.parse("2026-03-02T00:00+08:00").toInstant();

  public static final int WEEKS = 4;

  /** The end of the fourth week: the moment the dashboard is read ("as of"). */
  public static final Instant AS_OF = START.plus(Duration.ofDays(7L * WEEKS));

  /** The channels, in display order. */
  public static final List<String> CHANNELS = List.of("tmall", "jd", "douyin", "wechat");

  /** Hours from order to promised dispatch. */
  static final int PROMISE_HOURS = 48;

  /** An order: who handled it, when it was promised and shipped (null: not shipped), what it was worth. */
  public record Order(String id, String channel, String member, Instant createdAt, Instant promisedShipBy,
      Instant shippedAt, long amountCents, boolean returned, boolean oversold) {}

  /** A service ticket with its first response and the customer's 1-5 satisfaction score. */
  public record Ticket(String channel, String member, Instant createdAt, Instant firstResponseAt, int score) {}

  /** One listing checked against the shop's standard, by the copywriter who wrote it. */
  public record Audit(String channel, String member, Instant createdAt, String sku, boolean conforms,
      List<String> problems) {}

  /** A visit to the shop; converted when it placed an order. */
  public record Session(String channel, Instant createdAt, boolean converted) {}

  // per channel (tmall, jd, douyin, wechat) and week
  private static final int[][] ORDERS = {{168, 175, 171, 180}, {112, 108, 116, 119}, {128, 141, 236, 158},
      {44, 47, 43, 49}};
  private static final double[][] LATE = {{.03, .035, .04, .03}, {.012, .012, .015, .012}, {.035, .045, .14, .06},
      {.04, .035, .05, .04}};
  private static final double[][] CONVERSION = {{.032, .033, .031, .034}, {.036, .035, .036, .037},
      {.019, .02, .027, .021}, {.066, .062, .068, .07}};
  private static final double[][] RETURNS = {{.03, .028, .032, .03}, {.022, .025, .02, .024},
      {.06, .065, .1, .07}, {.012, .01, .015, .01}};
  private static final double[][] OVERSOLD = {{.002, .002, .003, .002}, {.001, .001, .001, .001},
      {.003, .004, .02, .006}, {.002, .002, .002, .002}};
  private static final int[] AUDITS = {60, 50, 60, 25};
  private static final double DOUYIN_LIVE_SLOWDOWN = 3.0;

  private static final String[] MEMBERS_ORDERS = {"chen", "guo", "he"};
  private static final double[] LATE_FACTOR = {0.7, 1.5, 1.0};
  private static final String[] MEMBERS_TICKETS = {"sun", "chen", "guo"};
  private static final double[] TICKET_SHARE = {0.6, 0.2, 0.2};
  private static final double[] RESPONSE_MEDIAN_MINUTES = {7, 11, 14};

  private static final String[] PRODUCTS = {"Longjing 250 g", "Longjing 100 g", "Biluochun 100 g",
      "Celadon tea set", "Spring gift box", "Osmanthus tea cakes"};
  private static final long[] PRICE_CENTS = {388_00, 168_00, 128_00, 268_00, 688_00, 58_00};
  private static final String[] CATEGORY = {"tea", "tea", "tea", "teaware", "gift-box", "food"};

  private final List<Order> orders;
  private final List<Ticket> tickets;
  private final List<Audit> audits;
  private final List<Session> sessions;

  private ShopData(List<Order> orders, List<Ticket> tickets, List<Audit> audits, List<Session> sessions) {
    this.orders = List.copyOf(orders);
    this.tickets = List.copyOf(tickets);
    this.audits = List.copyOf(audits);
    this.sessions = List.copyOf(sessions);
  }

  public List<Order> orders() {
    return orders;
  }

  public List<Ticket> tickets() {
    return tickets;
  }

  public List<Audit> audits() {
    return audits;
  }

  public List<Session> sessions() {
    return sessions;
  }

  /** The start of week {@code w} (0 to 3). */
  public static Instant weekStart(int w) {
    return START.plus(Duration.ofDays(7L * w));
  }

  /** The four weeks of data from {@link #SEED}. */
  public static ShopData generate() {
    return generate(SEED);
  }

  /** The four weeks of data from {@code seed}; the same seed always gives the same data. */
  public static ShopData generate(long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    StandardCatalog standards = ListingConformance.standards();
    List<Order> orders = new ArrayList<>();
    List<Ticket> tickets = new ArrayList<>();
    List<Audit> audits = new ArrayList<>();
    List<Session> sessions = new ArrayList<>();
    for (int w = 0; w < WEEKS; w++) {
      Instant week = weekStart(w);
      for (int c = 0; c < CHANNELS.size(); c++) {
        String channel = CHANNELS.get(c);
        boolean live = channel.equals("douyin") && w == 2;
        for (int i = 0; i < ORDERS[c][w]; i++) {
          Order order = order(random, channel, c, w, week, orders.size() + 1);
          orders.add(order);
          sessions.add(new Session(channel, order.createdAt(), true));
          if (random.nextDouble() < 0.25) {
            Ticket ticket = ticket(random, order, live);
            if (ticket.firstResponseAt().isBefore(AS_OF)) { // nothing after the moment the dashboard is read
              tickets.add(ticket);
            }
          }
        }
        long visits = Math.round(ORDERS[c][w] / CONVERSION[c][w]);
        for (long i = ORDERS[c][w]; i < visits; i++) {
          sessions.add(new Session(channel, week.plusSeconds(random.nextLong(7L * 24 * 3600)), false));
        }
        for (int i = 0; i < AUDITS[c]; i++) {
          audits.add(audit(random, standards, channel, week));
        }
      }
    }
    orders.sort(Comparator.comparing(Order::createdAt));
    tickets.sort(Comparator.comparing(Ticket::createdAt));
    audits.sort(Comparator.comparing(Audit::createdAt));
    sessions.sort(Comparator.comparing(Session::createdAt));
    return new ShopData(orders, tickets, audits, sessions);
  }

  private static Order order(SplittableRandom random, String channel, int c, int w, Instant week, int n) {
    Instant created = week.plusSeconds(random.nextLong(7L * 24 * 3600));
    int m = pick(random, new double[] {0.4, 0.35, 0.25});
    if (channel.equals("douyin") && random.nextDouble() < 0.5) {
      m = 1; // Guo runs the Douyin queue
    }
    String member = MEMBERS_ORDERS[m];
    Instant promised = created.plus(Duration.ofHours(PROMISE_HOURS));
    double lateProbability = LATE[c][w] * LATE_FACTOR[m];
    Instant shipped;
    double u = random.nextDouble();
    if (u < 0.004) {
      shipped = null; // lost in the warehouse: overdue once its promise passes
    } else if (u < 0.004 + lateProbability) {
      shipped = promised.plus(Duration.ofMinutes(30 + random.nextLong(60L * 48)));
    } else {
      shipped = created.plus(Duration.ofMinutes(120 + random.nextLong(60L * (PROMISE_HOURS - 2))));
    }
    if (shipped != null && shipped.isAfter(AS_OF)) {
      shipped = null; // not shipped yet when the dashboard is read
    }
    int product = channel.equals("wechat") && random.nextDouble() < 0.35 ? 4 : random.nextInt(PRODUCTS.length);
    long quantity = random.nextDouble() < 0.8 ? 1 : 2 + random.nextInt(2);
    long amount = PRICE_CENTS[product] * quantity;
    if (channel.equals("douyin") && w == 2) {
      amount = amount * 85 / 100; // live-stream price: 15% off
    }
    return new Order(String.format("%s-%05d", channel, n), channel, member, created, promised, shipped, amount,
        random.nextDouble() < RETURNS[c][w], random.nextDouble() < OVERSOLD[c][w]);
  }

  private static Ticket ticket(SplittableRandom random, Order order, boolean live) {
    int m = pick(random, TICKET_SHARE);
    Instant created = order.createdAt().plus(Duration.ofMinutes(10 + random.nextLong(60L * 72)));
    double median = RESPONSE_MEDIAN_MINUTES[m] * (live ? DOUYIN_LIVE_SLOWDOWN : 1);
    long minutes = Math.max(1, Math.round(median * Math.exp(0.7 * gaussian(random))));
    double satisfied = minutes <= 15 ? 0.95 : minutes <= 45 ? 0.86 : 0.62;
    if (order.shippedAt() == null || order.shippedAt().isAfter(order.promisedShipBy())) {
      satisfied -= 0.15;
    }
    int score = random.nextDouble() < satisfied ? 4 + random.nextInt(2) : 1 + random.nextInt(3);
    return new Ticket(order.channel(), MEMBERS_TICKETS[m], created, created.plus(Duration.ofMinutes(minutes)), score);
  }

  private static Audit audit(SplittableRandom random, StandardCatalog standards, String channel, Instant week) {
    boolean lin = random.nextDouble() < 0.55;
    String member = lin ? "lin" : "zhou";
    double defectProbability = lin ? 0.008 : 0.035;
    int product = random.nextInt(PRODUCTS.length);
    String sku = String.format("WLT-%06d", 100_000 + random.nextInt(900));
    Map<String, Object> fields = new LinkedHashMap<>();
    fields.put("sku", sku);
    fields.put("title", "West Lake Tea " + PRODUCTS[product] + " (" + channel + ")");
    fields.put("category", CATEGORY[product]);
    fields.put("price", PRICE_CENTS[product] / 100.0);
    if (CATEGORY[product].equals("tea") || CATEGORY[product].equals("food")) {
      fields.put("foodLicence", "SC11433010600123");
    }
    List<Map<String, Object>> images = new ArrayList<>();
    for (int i = 0; i < 5 + random.nextInt(3); i++) {
      images.add(Map.of("width", 1000 + 200 * random.nextInt(3)));
    }
    fields.put("images", images);
    if (random.nextDouble() < defectProbability) {
      switch (random.nextInt(4)) {
        case 0 -> fields.remove("foodLicence");
        case 1 -> images.set(1, Map.of("width", 640));
        case 2 -> fields.put("title", "West Lake Tea " + PRODUCTS[product]
            + " spring harvest hand-roasted premium grade limited edition gift for family and friends");
        default -> fields.put("sku", "WLT-" + sku.substring(6));
      }
    }
    Artifact listing = Artifact.of("listing", fields);
    Conformance report = standards.check("listing-base", listing);
    Instant at = week.plusSeconds(random.nextLong(7L * 24 * 3600));
    return new Audit(channel, member, at, sku, report.conforms(),
        report.violations().stream().map(Violation::ruleId).toList());
  }

  private static int pick(SplittableRandom random, double[] weights) {
    double u = random.nextDouble();
    for (int i = 0; i < weights.length - 1; i++) {
      u -= weights[i];
      if (u < 0) {
        return i;
      }
    }
    return weights.length - 1;
  }

  /** A standard normal draw (Box-Muller), from the generator only. */
  private static double gaussian(SplittableRandom random) {
    double u1 = 1 - random.nextDouble();
    double u2 = random.nextDouble();
    return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
  }
}
