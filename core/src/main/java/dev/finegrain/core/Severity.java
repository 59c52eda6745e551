package dev.finegrain.core;

/** How serious a rule violation or a finding is. Only {@link #ERROR} makes an artifact fail its standard. */
public enum Severity {
  ERROR,
  WARNING,
  INFO;
}
