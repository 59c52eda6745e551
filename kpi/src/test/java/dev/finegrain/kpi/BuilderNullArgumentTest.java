package dev.finegrain.kpi;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.finegrain.core.testing.BuilderNulls;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A null handed to any method of a builder of this module's values is refused with an exception
 * naming the attribute, never a bare {@code NullPointerException: null} ({@link BuilderNulls}).
 */
class BuilderNullArgumentTest {
  @Test
  void aNullGivenToAnyBuilderMethodIsRefusedNamingTheAttribute() {
    assertEquals(List.of(), BuilderNulls.unnamedNulls(Kpi.class));
  }
}
