package dev.finegrain.kpi.accumulator;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.lang.reflect.Method;
import org.junit.jupiter.api.Test;

/**
 * The primitive {@code add} methods allocate nothing once tables and histograms have grown to fit
 * the values, so the columnar KPI path can call them per value. Measured with HotSpot's per-thread
 * allocation counter; skipped on JVMs without it.
 */
class AddAllocationTest {
  private static final int N = 200_000;

  private static long allocatedBytes(Runnable loop) {
    // by reflection: the test classes compile inside the dev.finegrain.kpi module, which does not read java.management
    Object bean;
    Method counter;
    try {
      bean = Class.forName("java.lang.management.ManagementFactory").getMethod("getThreadMXBean").invoke(null);
      counter = Class.forName("com.sun.management.ThreadMXBean").getMethod("getThreadAllocatedBytes", long.class);
      assumeTrue(counter.getDeclaringClass().isInstance(bean), "needs HotSpot's allocation counter");
      long thread = Thread.currentThread().getId();
      for (int i = 0; i < 3; i++) {
        loop.run(); // warm up: grow tables and histograms, load and compile classes
      }
      for (int i = 0; i < 40; i++) {
        counter.invoke(bean, thread); // past reflection's inflation, which allocates an accessor class
      }
      long before = (Long) counter.invoke(bean, thread);
      loop.run();
      long after = (Long) counter.invoke(bean, thread);
      assumeTrue(before >= 0, "allocation counting is disabled");
      return after - before;
    } catch (ReflectiveOperationException e) {
      assumeTrue(false, "no allocation counter: " + e);
      return 0;
    }
  }

  private static void assertNoAllocation(String what, Runnable loop) {
    long bytes = allocatedBytes(loop);
    // a few hundred bytes of slack for the measurement itself; boxing would be millions
    assertTrue(bytes < 1024, what + ".add allocated " + bytes + " bytes for " + N + " values");
  }

  @Test
  void primitiveAddsDoNotAllocate() {
    Count count = Count.create();
    assertNoAllocation("Count", () -> {
      for (int i = 0; i < N; i++) {
        count.add();
      }
    });
    LongSum longSum = LongSum.create();
    assertNoAllocation("LongSum", () -> {
      for (int i = 0; i < N; i++) {
        longSum.add(i);
      }
    });
    DoubleSum doubleSum = DoubleSum.create();
    assertNoAllocation("DoubleSum", () -> {
      for (int i = 0; i < N; i++) {
        doubleSum.add(i * 0.5);
      }
    });
    MeanVariance meanVariance = MeanVariance.create();
    assertNoAllocation("MeanVariance", () -> {
      for (int i = 0; i < N; i++) {
        meanVariance.add(i * 0.5);
      }
    });
    LongRatio longRatio = LongRatio.create();
    assertNoAllocation("LongRatio", () -> {
      for (int i = 0; i < N; i++) {
        longRatio.add(i % 3 == 0);
      }
    });
    DoubleRatio doubleRatio = DoubleRatio.create();
    assertNoAllocation("DoubleRatio", () -> {
      for (int i = 0; i < N; i++) {
        doubleRatio.add(i * 0.25, 1);
      }
    });
    LongMinMax minMax = LongMinMax.create();
    assertNoAllocation("LongMinMax", () -> {
      for (int i = 0; i < N; i++) {
        minMax.add(i);
      }
    });
    HistogramQuantiles histogram = HistogramQuantiles.create();
    assertNoAllocation("HistogramQuantiles", () -> {
      for (int i = 0; i < N; i++) {
        histogram.add(i * 1000L);
      }
    });
    HistogramQuantiles signed = HistogramQuantiles.create();
    assertNoAllocation("HistogramQuantiles of signed values", () -> {
      for (int i = 0; i < N; i++) {
        signed.add((i % 2 == 0 ? -1000L : 1000L) * i);
      }
    });
    ExactQuantiles exact = ExactQuantiles.create();
    assertNoAllocation("ExactQuantiles", () -> {
      for (int i = 0; i < N; i++) {
        exact.add(i % 500);
      }
    });
    DistinctLongs distinct = DistinctLongs.create();
    assertNoAllocation("DistinctLongs", () -> {
      for (int i = 0; i < N; i++) {
        distinct.add(i % 5000);
      }
    });
  }
}
