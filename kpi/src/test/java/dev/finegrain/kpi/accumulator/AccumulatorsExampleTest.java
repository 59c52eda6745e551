package dev.finegrain.kpi.accumulator;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;

/** The usage example of {@link Accumulators}' javadoc, as written there. */
class AccumulatorsExampleTest {
  @Test
  void theJavadocExampleMergesTwoDaysIntoTwoOfThree() {
    LongRatio monday = Accumulators.longRatio();      // on-time shipments over shipments
    monday.add(true);
    monday.add(false);
    LongRatio tuesday = Accumulators.longRatio();
    tuesday.add(true);
    // ship the state between threads, executors or days as bytes, then merge: the order does not matter
    LongRatio week = ((LongRatio) Accumulators.fromBytes(monday.toBytes())).merge(tuesday);

    assertEquals(OptionalDouble.of(2.0 / 3), week.result().value());
  }
}
