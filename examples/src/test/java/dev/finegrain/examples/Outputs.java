package dev.finegrain.examples;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

/** Captures what a launcher prints. */
public final class Outputs {
  private Outputs() {}

  public static String of(Consumer<PrintStream> launcher) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    launcher.accept(new PrintStream(bytes, true, StandardCharsets.UTF_8));
    return bytes.toString(StandardCharsets.UTF_8);
  }
}
