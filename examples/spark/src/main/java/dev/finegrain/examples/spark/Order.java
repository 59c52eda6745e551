package dev.finegrain.examples.spark;

import java.io.Serializable;
import java.time.Instant;

/**
 * An order as the example job's input: a Java bean, so that {@code Encoders.bean(Order.class)}
 * turns a {@code List<Order>} into a typed {@code Dataset<Order>} (instants become timestamp
 * columns, {@code null} ones SQL {@code NULL}).
 */
public class Order implements Serializable {
  private static final long serialVersionUID = 1L;

  private String id;
  private String channel;
  private String member;
  private Instant createdAt;
  private Instant promisedShipBy;
  private Instant shippedAt;
  private long amountCents;
  private boolean returned;
  private double rating;
  private double shippingFee;

  public Order() {}

  public Order(String id, String channel, String member, Instant createdAt, Instant promisedShipBy, Instant shippedAt,
      long amountCents, boolean returned, double rating, double shippingFee) {
    this.id = id;
    this.channel = channel;
    this.member = member;
    this.createdAt = createdAt;
    this.promisedShipBy = promisedShipBy;
    this.shippedAt = shippedAt;
    this.amountCents = amountCents;
    this.returned = returned;
    this.rating = rating;
    this.shippingFee = shippingFee;
  }

  public String getId() {
    return id;
  }

  public void setId(String id) {
    this.id = id;
  }

  /** Sales channel: web, app, live or marketplace. */
  public String getChannel() {
    return channel;
  }

  public void setChannel(String channel) {
    this.channel = channel;
  }

  public String getMember() {
    return member;
  }

  public void setMember(String member) {
    this.member = member;
  }

  public Instant getCreatedAt() {
    return createdAt;
  }

  public void setCreatedAt(Instant createdAt) {
    this.createdAt = createdAt;
  }

  public Instant getPromisedShipBy() {
    return promisedShipBy;
  }

  public void setPromisedShipBy(Instant promisedShipBy) {
    this.promisedShipBy = promisedShipBy;
  }

  /** When the order shipped; {@code null} while not shipped. */
  public Instant getShippedAt() {
    return shippedAt;
  }

  public void setShippedAt(Instant shippedAt) {
    this.shippedAt = shippedAt;
  }

  public long getAmountCents() {
    return amountCents;
  }

  public void setAmountCents(long amountCents) {
    this.amountCents = amountCents;
  }

  public boolean isReturned() {
    return returned;
  }

  public void setReturned(boolean returned) {
    this.returned = returned;
  }

  /** The buyer's rating, 1 to 5; {@code NaN} when not rated (marketplace orders never are). */
  public double getRating() {
    return rating;
  }

  public void setRating(double rating) {
    this.rating = rating;
  }

  /** Shipping fee in yuan, a decimal. */
  public double getShippingFee() {
    return shippingFee;
  }

  public void setShippingFee(double shippingFee) {
    this.shippingFee = shippingFee;
  }

  @Override
  public String toString() {
    return "Order[" + id + " " + channel + " " + createdAt + "]";
  }
}
