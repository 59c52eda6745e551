package dev.finegrain.core.standard;

import static com.google.common.base.Preconditions.checkNotNull;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableMap;
import dev.finegrain.core.internal.Problems;
import dev.finegrain.core.internal.Values;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.immutables.value.Value;

/**
 * A validated set of standards in which a standard may extend another. Checking through the
 * catalog applies the parent's rules (transitively: the grandparent's too) and then the standard's
 * own. A child rule with the same id as an inherited rule <em>overrides</em> it: it takes the
 * inherited rule's place in the order, so a child can loosen a limit or lower a severity. The
 * child's new rules follow the inherited ones.
 *
 * <pre>{@code
 * StandardCatalog catalog = StandardCatalog.of(listingBase, listingCn);   // listingCn extends listingBase
 * Conformance report = catalog.check("listing-cn", listing);
 * catalog.effectiveRules("listing-cn");   // the base's rules, overridden where listing-cn says so, then its own
 * }</pre>
 *
 * <p>Validation reports every problem at once, each at its path: repeated standard ids
 * ({@code standards[2].id}), a parent that is not in the catalog or checks another kind of artifact
 * ({@code standards[1].extends}), cycles of {@code extends}, and chains of {@code extends} longer than
 * {@link #MAX_EXTENDS_DEPTH}. In JSON
 * {@code {"standards": [...]}}.
 *
 * @since 0.1
 */
@Value.Immutable
@JsonSerialize(as = ImmutableStandardCatalog.class)
@JsonDeserialize(as = ImmutableStandardCatalog.class)
public abstract class StandardCatalog {
  StandardCatalog() {}

  /**
   * The standards, in the order given. Default: none.
   *
   * @return the standards, in the order given
   */
  public abstract List<Standard> standards();

  /**
   * A catalog of these standards.
   *
   * @param standards the standards
   * @return a catalog of these standards
   */
  public static StandardCatalog of(Standard... standards) {
    return builder().addStandards(standards).build();
  }

  /**
   * A catalog of these standards.
   *
   * @param standards the standards
   * @return a catalog of these standards
   */
  public static StandardCatalog of(List<Standard> standards) {
    return builder().addAllStandards(standards).build();
  }

  /**
   * The ids of the standards, in catalog order.
   *
   * @return the ids of the standards, in catalog order
   */
  public List<String> ids() {
    return standards().stream().map(Standard::id).collect(ImmutableList.toImmutableList());
  }

  /**
   * The standard with this id, as defined (its own rules only).
   *
   * @param standardId the id of the standard
   * @return the standard with this id, as defined (its own rules only)
   */
  public Optional<Standard> standard(String standardId) {
    return Optional.ofNullable(byId().get(standardId));
  }

  /**
   * The rules that apply to artifacts checked against {@code standardId}: inherited rules first,
   * each replaced in place by the standard's rule of the same id, then the standard's new rules.
   *
   * @param standardId the id of the standard
   * @return the rules that apply to artifacts checked against {@code standardId}: inherited rules first, each replaced
   *     in place by the standard's rule of the same id, then the standard's new rules
   * @throws IllegalArgumentException listing the known ids if there is no such standard
   */
  public List<Rule> effectiveRules(String standardId) {
    return resolve(standardId).rules().stream().collect(ImmutableList.toImmutableList());
  }

  /**
   * The standard with its inherited rules merged in and no parent, so that it can be checked on its
   * own with {@link Standard#check}.
   *
   * @param standardId the id of the standard
   * @return the standard with its inherited rules merged in and no parent, so that it can be checked on its own with
   *     {@link Standard#check}
   * @throws IllegalArgumentException listing the known ids if there is no such standard
   */
  public Standard resolve(String standardId) {
    checkNotNull(standardId, "standardId");
    Standard resolved = resolved().get(standardId);
    if (resolved == null) {
      throw new IllegalArgumentException("unknown standard '" + standardId + "'; known standards: " + ids());
    }
    return resolved;
  }

  /**
   * Checks {@code artifact} against the standard {@code standardId} with its inherited rules.
   *
   * @param standardId the id of the standard
   * @param artifact the artifact to check
   * @return the conformance report against the resolved standard
   * @throws IllegalArgumentException if there is no such standard (listing the known ids), or the
   *     artifact is of another kind than the standard checks
   */
  public Conformance check(String standardId, Artifact artifact) {
    checkNotNull(artifact, "artifact");
    return resolve(standardId).check(artifact);
  }

  /**
   * A new builder. Each attribute's accessor says whether it is required or what its default is.
   *
   * @return a new, empty builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /** How long a chain of {@code extends} may be, the standard itself counting as one: {@value}. */
  public static final int MAX_EXTENDS_DEPTH = 64;

  @Value.Lazy
  ImmutableMap<String, Standard> byId() {
    return standards().stream().collect(ImmutableMap.toImmutableMap(Standard::id, Function.identity()));
  }

  @Value.Lazy
  ImmutableMap<String, Standard> resolved() {
    Map<String, Standard> done = new HashMap<>();
    for (Standard s : standards()) {
      resolve(s, done);
    }
    ImmutableMap.Builder<String, Standard> out = ImmutableMap.builder();
    standards().forEach(s -> out.put(s.id(), done.get(s.id())));
    return out.build();
  }

  private Standard resolve(Standard standard, Map<String, Standard> done) {
    Standard known = done.get(standard.id());
    if (known != null) {
      return known;
    }
    Standard resolved;
    if (standard.parent().isEmpty()) {
      resolved = standard;
    } else {
      Standard parent = resolve(byId().get(standard.parent().get()), done);
      Map<String, Rule> rules = new LinkedHashMap<>();
      parent.rules().forEach(r -> rules.put(r.id(), r));
      standard.rules().forEach(r -> rules.put(r.id(), r)); // same id: replaces in place
      resolved = standard.withResolvedRules(new ArrayList<>(rules.values()));
    }
    done.put(standard.id(), resolved);
    return resolved;
  }

  @Value.Check
  void check() {
    Problems problems = new Problems();
    problems.checkUniqueIds("standards", standards(), Standard::id, "standard");
    Map<String, Standard> first = new HashMap<>();
    standards().forEach(s -> first.putIfAbsent(s.id(), s));
    for (int i = 0; i < standards().size(); i++) {
      Standard s = standards().get(i);
      if (s.parent().isEmpty()) {
        continue;
      }
      String path = "standards[" + i + "].extends";
      Standard parent = first.get(s.parent().get());
      if (parent == null) {
        problems.add(path, "unknown standard '%s'; known standards: %s", s.parent().get(), first.keySet().stream()
            .sorted().collect(ImmutableList.toImmutableList()));
        continue;
      }
      problems.check(parent.artifactKind().equals(s.artifactKind()), path,
          "standard '%s' checks '%s' artifacts, but its parent '%s' checks '%s' artifacts",
          s.id(), s.artifactKind(), parent.id(), parent.artifactKind());
      cycleThrough(s, first).ifPresent(cycle -> problems.add(path, "%s", cycle));
    }
    problems.throwIfAny("standard catalog");
  }

  /**
   * The cycle of {@code extends} that leads from {@code start} back to it, or a chain of ancestors
   * longer than {@link #MAX_EXTENDS_DEPTH}, described; empty if there is neither. Walks at most
   * that many steps, so checking a catalog costs time linear in its size.
   */
  private static Optional<String> cycleThrough(Standard start, Map<String, Standard> byId) {
    List<String> chain = new ArrayList<>(List.of(start.id()));
    Standard current = start;
    while (current.parent().isPresent()) {
      Standard next = byId.get(current.parent().get());
      if (next == null) {
        return Optional.empty();
      }
      chain.add(next.id());
      if (next.id().equals(start.id())) {
        return Optional.of("extends cycle: " + String.join(" -> ", chain));
      }
      if (chain.indexOf(next.id()) < chain.size() - 1) {
        return Optional.empty();  // leads into a cycle that does not pass through start: reported at its members
      }
      if (chain.size() > MAX_EXTENDS_DEPTH) {
        return Optional.of("standards extend each other more than " + MAX_EXTENDS_DEPTH + " deep ("
            + Values.shorten(String.join(" -> ", chain)) + "); at most " + MAX_EXTENDS_DEPTH
            + " (StandardCatalog.MAX_EXTENDS_DEPTH)");
      }
      current = next;
    }
    return Optional.empty();
  }

  /**
   * Builds a {@link StandardCatalog}.
   *
   * <p>Every attribute is optional or has a default, as its accessor says.
   * {@code build()} validates the value; anything missing or invalid fails with one
   * {@link dev.finegrain.core.DefinitionException} naming each problem.
   *
   * @since 0.1
   */
  public static final class Builder extends ImmutableStandardCatalog.Builder {
    Builder() {}
  }
}
