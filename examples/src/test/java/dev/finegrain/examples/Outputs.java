package dev.finegrain.examples;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

/** Captures what a launcher prints. */
public final class Outputs {
  private Outputs() {}

  /** What a {@code main(String[])} prints to {@code System.out}, given {@code args}. */
  public static String ofMain(Consumer<String[]> main, String... args) {
    return of(stream -> {
      PrintStream previous = System.out;
      System.setOut(stream);
      try {
        main.accept(args);
      } finally {
        System.setOut(previous);
      }
    });
  }

  public static String of(Consumer<PrintStream> launcher) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    launcher.accept(new PrintStream(bytes, true, StandardCharsets.UTF_8));
    return bytes.toString(StandardCharsets.UTF_8);
  }
}
