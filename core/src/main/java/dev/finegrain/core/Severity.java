package dev.finegrain.core;

/**
 * How serious a rule violation or a finding is. Only {@link #ERROR} makes an artifact fail its standard.
 *
 * @since 0.1
 */
public enum Severity {
  /** Fails the artifact or the matrix: it must be fixed. */
  ERROR,
  /** Worth a look; does not fail anything. */
  WARNING,
  /** For information only. */
  INFO;
}
