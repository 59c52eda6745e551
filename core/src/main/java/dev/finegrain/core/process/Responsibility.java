package dev.finegrain.core.process;

/**
 * A RACI letter: how a role takes part in a step. In JSON the letter, such as {@code "A"}.
 *
 * @since 0.1
 */
public enum Responsibility {
  /** Does the work; a step needs at least one Responsible role. */
  R("Responsible"),
  /** Answers for the result and signs it off; a step needs exactly one Accountable role. */
  A("Accountable"),
  /** Is asked before or during the step; two-way. */
  C("Consulted"),
  /** Is told of the result; one-way. */
  I("Informed");

  private final String title;

  Responsibility(String title) {
    this.title = title;
  }

  /**
   * The full word: Responsible, Accountable, Consulted or Informed.
   *
   * @return the full word: Responsible, Accountable, Consulted or Informed
   */
  public String title() {
    return title;
  }
}
