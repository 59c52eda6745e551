package dev.finegrain.core.standard;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonGetter;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.google.common.collect.ImmutableMap;
import dev.finegrain.core.condition.FieldSource;
import dev.finegrain.core.internal.FieldPath;
import dev.finegrain.core.internal.Values;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What a standard checks: a kind ({@code listing}, {@code service-script}, ...) and a tree of
 * fields — text, numbers, booleans, lists and nested objects — addressed by paths such as
 * {@code images[2].width}.
 *
 * <pre>{@code
 * Artifact listing = Artifact.builder("listing")
 *     .put("title", "Organic green tea 250 g")
 *     .put("price", 39.9)
 *     .put("images", List.of(Map.of("width", 1200), Map.of("width", 640)))
 *     .build();
 * listing.field("images[1].width");   // Optional[640]
 * }</pre>
 *
 * Whole numbers are held as {@code Long}, other numbers as {@code Double} ({@code -0.0} as
 * {@code 0.0}, as JSON reads it). An absent field is left out: a {@code null} value is refused,
 * in a map or JSON object as in a list. Values are strict, whether built in Java or read from
 * JSON, and each refusal names the path: numbers must be finite and fit a double ({@code 1e400},
 * and {@code 1e-400}, which would become 0, are refused) or, when whole, a long; texts must not
 * hold a lone surrogate (it has no UTF-8 form); a field name must not be blank (no path could
 * name it); lists and maps nest at most {@link #MAX_DEPTH} deep. An {@link java.time.Instant} is written to JSON as
 * {@code {"$instant": "2026-03-01T08:00:00Z"}} and read back as an instant, so an artifact equals
 * itself after any JSON round trip; the field name {@code $instant} is reserved for that.
 *
 * @since 0.1
 */
public final class Artifact implements FieldSource {
  /** How deep lists and maps may nest in an artifact, its own fields counting as one level: {@value}. */
  public static final int MAX_DEPTH = Values.MAX_DEPTH;

  private final String kind;
  private final ImmutableMap<String, Object> fields;

  private Artifact(String kind, ImmutableMap<String, Object> fields) {
    checkNotNull(kind, "kind");
    checkArgument(!kind.isBlank(), "kind: must not be blank");
    this.kind = kind;
    this.fields = fields;
  }

  /**
   * An artifact of {@code kind} with these fields.
   *
   * @param kind the kind of artifact, such as {@code listing}
   * @param fields the fields, by name
   * @return an artifact of {@code kind} with these fields
   * @throws IllegalArgumentException naming the path of a value that is not text, number,
   *     boolean, instant, list or map (a null among them), or of a blank field name
   */
  @SuppressWarnings("unchecked")
  public static Artifact of(String kind, Map<String, ?> fields) {
    checkNotNull(fields, "fields");
    return new Artifact(kind, (ImmutableMap<String, Object>) Values.normalizeFields(fields));
  }

  /**
   * An artifact of {@code kind} whose fields are the members of a JSON object.
   *
   * @param kind the kind of artifact, such as {@code listing}
   * @param fields the fields, by name
   * @return an artifact of {@code kind} whose fields are the members of a JSON object
   * @throws IllegalArgumentException if {@code fields} is not a JSON object
   */
  public static Artifact fromJson(String kind, JsonNode fields) {
    checkNotNull(fields, "fields");
    try (JsonParser parser = fields.traverse()) {  // not an object: refused by the reader, naming what it is
      parser.nextToken();
      return of(kind, ArtifactFields.read(parser));
    } catch (JsonMappingException e) {
      String path = ArtifactFields.pathOf(e);
      throw new IllegalArgumentException((path.isEmpty() ? "fields" : path) + ": " + e.getOriginalMessage(), e);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @JsonCreator
  static Artifact fromJsonProperties(@JsonProperty(value = "kind", required = true) String kind,
      @JsonProperty("fields") @JsonDeserialize(using = ArtifactFields.class) Map<String, Object> fields) {
    return of(kind, fields == null ? Map.of() : fields);
  }

  /**
   * Starts an artifact of {@code kind}.
   *
   * @param kind the kind of artifact, such as {@code listing}
   * @return a builder for the artifact
   */
  public static Builder builder(String kind) {
    return new Builder(kind);
  }

  /**
   * The kind of thing this is; a standard checks artifacts of one kind.
   *
   * @return the kind of thing this is; a standard checks artifacts of one kind
   */
  @JsonGetter("kind")
  public String kind() {
    return kind;
  }

  /**
   * The top-level fields, in the order they were given.
   *
   * @return the top-level fields, in the order they were given
   */
  public Map<String, Object> fields() {
    return fields;
  }

  /** The fields as JSON writes them: instants tagged, so that they come back as instants. */
  @JsonGetter("fields")
  Map<String, Object> jsonFields() {
    return ArtifactFields.tagInstants(fields);
  }

  /**
   * The value at {@code path}, or empty if any part of the path is absent.
   *
   * @throws IllegalArgumentException if {@code path} is malformed
   */
  @Override
  public Optional<Object> field(String path) {
    return FieldPath.parse(path).resolve(fields);
  }

  /**
   * A copy with the top-level field {@code field} set to {@code value}. To change a nested field,
   * give its top-level field a new value.
   *
   * @param field the name of a top-level field, such as {@code title}; taken as written, not as a
   *     path ({@code "images[2].width"} would name a top-level field of that name)
   * @param value a text, number, boolean, instant, list or map
   * @return a copy with the top-level field {@code field} set to {@code value}
   * @throws NullPointerException if {@code value} is null, naming the field; to remove a field,
   *     use {@link #without}
   * @throws IllegalArgumentException as {@link #of} does
   */
  public Artifact with(String field, Object value) {
    checkValueNotNull(field, value);
    Map<String, Object> copy = new LinkedHashMap<>(fields);
    copy.put(field, value);
    return of(kind, copy);
  }

  /**
   * A copy without the top-level field {@code field}.
   *
   * @param field the name of a top-level field, such as {@code title}; taken as written, not as a
   *     path ({@code "images[2].width"} would name a top-level field of that name)
   * @return a copy without the top-level field {@code field}
   */
  public Artifact without(String field) {
    Map<String, Object> copy = new LinkedHashMap<>(fields);
    copy.remove(field);
    return of(kind, copy);
  }

  /** Refuses a null name, and a null value naming its field as a null in a map is named. */
  private static void checkValueNotNull(String field, Object value) {
    checkNotNull(field, "field");
    if (value == null) {
      throw new NullPointerException(FieldPath.join("", field) + ": " + Values.NULL_VALUE);
    }
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Artifact other && other.kind.equals(kind) && other.fields.equals(fields);
  }

  @Override
  public int hashCode() {
    return Objects.hash(kind, fields);
  }

  @Override
  public String toString() {
    return kind + fields;
  }

  /**
   * Builds an {@link Artifact} field by field.
   *
   * @since 0.1
   */
  public static final class Builder {
    private final String kind;
    private final Map<String, Object> fields = new LinkedHashMap<>();

    private Builder(String kind) {
      this.kind = checkNotNull(kind, "kind");
    }

    /**
     * Sets a top-level field; the value may be a text, number, boolean, list or map, and nested
     * fields are given inside a list or map.
     *
     * @param field the name of a top-level field, such as {@code title}; taken as written, not as a
     *     path ({@code "images[2].width"} would name a top-level field of that name)
     * @param value a text, number, boolean, instant, list or map
     * @return this builder
     * @throws NullPointerException if {@code value} is null, naming the field (an absent field is
     *     left out)
     * @throws IllegalArgumentException if {@code field} is blank
     */
    public Builder put(String field, Object value) {
      checkValueNotNull(field, value);
      if (field.isBlank()) {  // the message only then: it is built char by char
        throw new IllegalArgumentException("fields: " + Values.blankFieldName(field));
      }
      fields.put(field, value);
      return this;
    }

    /**
     * Builds the artifact.
     *
     * @return the artifact with the fields put so far
     */
    public Artifact build() {
      return of(kind, fields);
    }
  }
}
