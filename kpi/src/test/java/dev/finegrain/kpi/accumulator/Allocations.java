package dev.finegrain.kpi.accumulator;

import java.lang.reflect.Method;

/**
 * Bytes this thread has allocated, from HotSpot's {@code com.sun.management.ThreadMXBean}; reached
 * reflectively, because the tests compile inside the kpi module, which does not read the
 * management modules (they run on the class path, where every module is readable).
 */
final class Allocations {
  private static final Object BEAN;
  private static final Method ALLOCATED;

  static {
    try {
      BEAN = Class.forName("java.lang.management.ManagementFactory").getMethod("getThreadMXBean").invoke(null);
      ALLOCATED = Class.forName("com.sun.management.ThreadMXBean").getMethod("getThreadAllocatedBytes", long.class);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  private Allocations() {}

  /** {@return the bytes the current thread has allocated so far} */
  static long ofThisThread() {
    try {
      return (long) ALLOCATED.invoke(BEAN, Thread.currentThread().getId());
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException(e);
    }
  }
}
