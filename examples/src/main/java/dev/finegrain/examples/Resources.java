package dev.finegrain.examples;

import dev.finegrain.core.json.FinegrainJson;
import java.io.InputStream;

/** Loads the examples' JSON definitions from the class path. */
public final class Resources {
  private Resources() {}

  /**
   * Reads {@code name} (relative to {@code dev/finegrain/examples/}) as a definition of {@code type}.
   *
   * @throws IllegalStateException if the resource is missing
   */
  public static <T> T read(String name, Class<T> type) {
    InputStream in = Resources.class.getResourceAsStream(name);
    if (in == null) {
      throw new IllegalStateException("missing example resource dev/finegrain/examples/" + name);
    }
    return FinegrainJson.read(in, type);
  }
}
