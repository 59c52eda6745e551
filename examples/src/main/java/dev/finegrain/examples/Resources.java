package dev.finegrain.examples;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.finegrain.core.json.FinegrainJson;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** Loads the examples' JSON definitions from the class path. */
public final class Resources {
  private Resources() {}

  /**
   * Reads {@code name} (relative to {@code dev/finegrain/examples/}) as a definition of {@code type}.
   *
   * @throws IllegalStateException if the resource is missing
   */
  public static <T> T read(String name, Class<T> type) {
    return FinegrainJson.read(open(name), type);
  }

  /** Reads {@code name} as a generic definition such as a list of artifacts. */
  public static <T> T read(String name, TypeReference<T> type) {
    try (InputStream in = open(name)) {
      return FinegrainJson.read(new String(in.readAllBytes(), StandardCharsets.UTF_8), type);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static InputStream open(String name) {
    InputStream in = Resources.class.getResourceAsStream(name);
    if (in == null) {
      throw new IllegalStateException("missing example resource dev/finegrain/examples/" + name);
    }
    return in;
  }
}
