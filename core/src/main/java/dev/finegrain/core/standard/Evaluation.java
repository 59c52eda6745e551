package dev.finegrain.core.standard;

import com.google.common.collect.ImmutableList;
import dev.finegrain.core.Severity;
import dev.finegrain.core.internal.Values;
import java.util.Optional;

/** Collects the violations of one top-level rule; nested rules report under its id and severity. */
final class Evaluation {
  private final String ruleId;
  private final Severity severity;
  private final ImmutableList.Builder<Violation> violations = ImmutableList.builder();

  Evaluation(String ruleId, Severity severity) {
    this.ruleId = ruleId;
    this.severity = severity;
  }

  void report(String path, String message, Object value) {
    add(path, message, Optional.of(Values.describe(value)));
  }

  void reportAbsent(String path, String message) {
    add(path, message, Optional.empty());
  }

  private void add(String path, String message, Optional<String> value) {
    violations.add(Violation.builder().ruleId(ruleId).severity(severity).path(path).message(message)
        .value(value).build());
  }

  /** Reports a value of the wrong kind: {@code expected a text, got a number 5}. */
  void wrongKind(String path, String expected, Object value) {
    report(path, "expected " + expected + ", got " + Values.kindOf(value) + " " + Values.describe(value), value);
  }

  ImmutableList<Violation> violations() {
    return violations.build();
  }
}
