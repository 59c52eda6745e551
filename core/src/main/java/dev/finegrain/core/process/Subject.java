package dev.finegrain.core.process;

import java.util.Locale;
import org.immutables.value.Value;

/**
 * What a {@link Finding} is about: a process, a step or a role, by id.
 *
 * <pre>{@code
 * Subject.step("approve").toString();   // step 'approve'
 * }</pre>
 *
 * @since 0.1
 */
@Value.Immutable
public abstract class Subject {
  Subject() {}

  /**
   * Whether this is a process, a step or a role.
   *
   * @return whether this is a process, a step or a role
   */
  @Value.Parameter
  public abstract SubjectKind kind();

  /**
   * The id of the process, step or role.
   *
   * @return the id of the process, step or role
   */
  @Value.Parameter
  public abstract String id();

  /**
   * The subject of this kind and id.
   *
   * @param kind process, step or role
   * @param id the id of the process of the role of the step of the process, step or role
   * @return the subject of this kind and id
   */
  public static Subject of(SubjectKind kind, String id) {
    return ImmutableSubject.of(kind, id);
  }

  /**
   * The step with this id.
   *
   * @param id the id
   * @return the step with this id
   */
  public static Subject step(String id) {
    return of(SubjectKind.STEP, id);
  }

  /**
   * The role with this id.
   *
   * @param id the id
   * @return the role with this id
   */
  public static Subject role(String id) {
    return of(SubjectKind.ROLE, id);
  }

  /**
   * The process with this id.
   *
   * @param id the id
   * @return the process with this id
   */
  public static Subject process(String id) {
    return of(SubjectKind.PROCESS, id);
  }

  @Override
  public String toString() {
    return kind().name().toLowerCase(Locale.ROOT) + " '" + id() + "'";
  }
}
