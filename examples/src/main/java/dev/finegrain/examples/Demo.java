package dev.finegrain.examples;

/** The demo: runs every scenario in order with short headings. */
public final class Demo {
  private Demo() {}

  public static void main(String[] args) {
    System.out.println("finegrain demo");
  }
}
