/**
 * JMH benchmarks of finegrain's hot paths, each beside the code a user would otherwise write.
 * Build with {@code mvn -B verify}; run with {@code java -jar benchmarks/target/benchmarks.jar}.
 */
package dev.finegrain.benchmarks;
