package dev.finegrain.core.json;

import static com.google.common.base.Preconditions.checkNotNull;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonSetter;
import com.fasterxml.jackson.annotation.Nulls;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.InvalidNullException;
import com.fasterxml.jackson.databind.exc.InvalidTypeIdException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.type.LogicalType;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.finegrain.core.DefinitionException;
import dev.finegrain.core.Problem;
import dev.finegrain.core.internal.Values;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The one entry point for finegrain definitions in JSON: teams, processes, responsibility
 * matrices, standards, conditions and artifacts, and later workflows and KPIs.
 *
 * <pre>{@code
 * Team team = FinegrainJson.read(json, Team.class);
 * String back = FinegrainJson.write(team);
 * }</pre>
 *
 * <p>Polymorphic values carry an explicit {@code "type"} name ({@code "forbidden-terms"},
 * {@code "compare"}); class names never appear in JSON. Such a value is an object whose type is a
 * text: a type that is a list is {@code type: expected one of [...], got a list}, not a missing type,
 * and a rule given as {@code true} is {@code expected a Rule object, got true}. Reading is strict: unknown fields, a text
 * where a number belongs ({@code "ten"} or {@code "10"}), a fraction where a whole number belongs,
 * a number where a named constant belongs ({@code "severity": 1}; write {@code "WARNING"}),
 * a bare number where a duration belongs (write {@code "PT4H"}) or an instant belongs (write
 * {@code "2026-03-01T08:00:00Z"}), an element given twice in a set (RACI letters
 * {@code ["A", "R", "A"]}), and trailing content are all errors, reported as a {@link DefinitionException} whose problem
 * names the JSON path, for example {@code rules[3].max: expected a whole number, got "ten"}. So is text
 * that is not JSON, or that the reader refuses: a member given twice, NaN or Infinity, a comment,
 * single quotes, a control character in a text, a document cut short; its problem also names the
 * line and column, for example {@code members[2].id: expected each field once, got 'id' a second
 * time at line 4, column 32}. Jackson's exception is the cause of each.
 *
 * <p>Reading is also safe for JSON from people the platform does not trust. A number or boolean is
 * never read as a text ({@code "id": 7} is refused); {@code null} is refused for every field but an
 * optional one (where it means empty), in every list and map, and as the whole document, as is a
 * document that is empty or only whitespace (no {@code read} returns Java null); an artifact's numbers must fit a
 * double or, when whole, a long. Nesting is bounded: rules and conditions stop at their own limits
 * ({@link dev.finegrain.core.standard.Rule#MAX_DEPTH}, {@link dev.finegrain.core.condition.Condition#MAX_DEPTH})
 * while being read, before Jackson goes deeper, and any document at {@link #MAX_NESTING_DEPTH}.
 *
 * @since 0.1
 */
public final class FinegrainJson {
  /**
   * How deep objects and arrays may nest in any JSON that finegrain reads: {@value}. A backstop
   * for the limits of each definition ({@link dev.finegrain.core.standard.Rule#MAX_DEPTH},
   * {@link dev.finegrain.core.condition.Condition#MAX_DEPTH},
   * {@link dev.finegrain.core.standard.Artifact#MAX_DEPTH}), which stop earlier and name the path.
   */
  public static final int MAX_NESTING_DEPTH = 256;

  private static final ObjectMapper MAPPER = mapper();
  private static final Pattern KNOWN_TYPE_IDS = Pattern.compile("known type ids = \\[([^\\]]*)\\]");
  private static final Pattern QUOTED_INPUT = Pattern.compile("String value \\(\"(.*?)\"\\)");
  private static final Pattern TRAILING_TOKEN = Pattern.compile("Trailing token \\(of type (\\w+)\\)");
  /** Jackson's message for a document with no content: empty, or only whitespace. */
  private static final String NO_CONTENT = "No content to map due to end-of-input";
  private static final Pattern TOKEN = Pattern.compile("\\(token `JsonToken\\.(\\w+)`\\)");
  private static final Pattern SCALAR_INPUT = Pattern.compile("from (?:Number|Boolean) value \\(([^)]*)\\)");
  private static final Pattern MISSING_ATTRIBUTES = Pattern.compile("required attributes are not set \\[([^\\]]*)\\]");

  private FinegrainJson() {}

  /**
   * A new {@code ObjectMapper} configured for finegrain definitions. Each call gives a fresh
   * mapper, so callers may configure theirs further without affecting anyone else. Like any
   * Jackson mapper, it reads a document that is only {@code null} as Java null; the {@code read}
   * methods refuse it.
   *
   * @return a new {@code ObjectMapper} configured for finegrain definitions
   */
  public static ObjectMapper mapper() {
    JsonFactory factory = JsonFactory.builder()
        .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(MAX_NESTING_DEPTH).build())
        .build();
    return JsonMapper.builder(factory)
        // a "type" that is a list, an object or null is of the wrong kind, not missing
        .annotationIntrospector(new StrictTypeIds())
        .addModule(new Jdk8Module())
        .addModule(new JavaTimeModule())
        .addModule(new SimpleModule("finegrain-strict-duration")
            .addDeserializer(Duration.class, new IsoDurationDeserializer()))
        .addModule(new SimpleModule("finegrain-strict-instant")
            .addDeserializer(Instant.class, new IsoInstantDeserializer()))
        .addModule(new SimpleModule("finegrain-nesting-limits").setDeserializerModifier(new NestingLimits()))
        .addModule(new SimpleModule("finegrain-distinct-sets").setDeserializerModifier(new DistinctSets()))
        .addModule(new SimpleModule("finegrain-finite-doubles").setDeserializerModifier(new FiniteDoubles()))
        // a number or boolean is not a text: "id": 7 is refused, not read as "7"
        .withCoercionConfig(LogicalType.Textual, text -> text
            .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
            .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
            .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail))
        .withCoercionConfig(LogicalType.Integer, whole -> whole
            .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
            .setCoercion(CoercionInputShape.String, CoercionAction.Fail))
        // null is not "absent": a field given as null, or a null in a list or map, is refused...
        .defaultSetterInfo(JsonSetter.Value.construct(Nulls.FAIL, Nulls.FAIL))
        // ...but for an optional field, where null is the JSON spelling of empty
        .withConfigOverride(Optional.class, o -> o.setSetterInfo(JsonSetter.Value.forValueNulls(Nulls.SET)))
        .withConfigOverride(OptionalInt.class, o -> o.setSetterInfo(JsonSetter.Value.forValueNulls(Nulls.SET)))
        .withConfigOverride(OptionalLong.class, o -> o.setSetterInfo(JsonSetter.Value.forValueNulls(Nulls.SET)))
        .withConfigOverride(OptionalDouble.class, o -> o.setSetterInfo(JsonSetter.Value.forValueNulls(Nulls.SET)))
        .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
        .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
        // an enum is named, never numbered: "severity": 1 is refused, not read as the second constant
        .enable(DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS)
        .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
        .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
        .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
        .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
        .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
        .disable(SerializationFeature.WRITE_DURATIONS_AS_TIMESTAMPS)
        .enable(SerializationFeature.INDENT_OUTPUT)
        .defaultPropertyInclusion(JsonInclude.Value.construct(JsonInclude.Include.NON_ABSENT,
            JsonInclude.Include.NON_ABSENT))
        .build();
  }

  /**
   * Reads a definition of {@code type} from JSON text.
   *
   * @param <T> the type read
   * @param json the JSON text
   * @param type the definition type, such as {@code Team.class}
   * @return the definition, validated
   * @throws DefinitionException if the JSON is malformed or the definition is invalid; each
   *     problem names its JSON path
   */
  public static <T> T read(String json, Class<T> type) {
    checkNotNull(json, "json");
    checkNotNull(type, "type");
    T value = readValue(parser(json), () -> lastNonBlank(json), MAPPER.constructType(type), type::getSimpleName);
    return present(value, type.getSimpleName(), type);
  }

  /**
   * Reads a definition such as a list of standards, given as a type reference.
   *
   * @param <T> the type read
   * @param json the JSON text
   * @param type the definition type, such as {@code new TypeReference<List<Standard>>() {}}
   * @return the definition, validated
   * @throws DefinitionException if the JSON is malformed or the definition is invalid; each
   *     problem names its JSON path
   */
  public static <T> T read(String json, TypeReference<T> type) {
    checkNotNull(json, "json");
    checkNotNull(type, "type");
    JavaType javaType = MAPPER.getTypeFactory().constructType(type);
    T value = readValue(parser(json), () -> lastNonBlank(json), javaType, () -> nameOf(javaType));  // the name only if needed
    if (value == null) {
      return present(null, nameOf(javaType), javaType.getRawClass());
    }
    return value;
  }

  /**
   * Reads a definition of {@code type} from a UTF-8 stream, such as a class-path resource; the
   * stream is read to its end and closed.
   *
   * @param <T> the type read
   * @param json the JSON text
   * @param type the definition type, such as {@code Team.class}
   * @return the definition, validated
   * @throws DefinitionException if the JSON is malformed or the definition is invalid
   * @throws UncheckedIOException if the stream cannot be read
   */
  public static <T> T read(InputStream json, Class<T> type) {
    checkNotNull(json, "json");
    checkNotNull(type, "type");
    try (Tail in = new Tail(json)) {
      JsonParser parser = MAPPER.createParser(in);  // streamed: memory stays bounded, whatever the input's length
      T value = readValue(parser, in::end, MAPPER.constructType(type), type::getSimpleName);
      return present(value, type.getSimpleName(), type);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * A stream that notes the offset of the last byte read that is not JSON white space, so that an
   * error can tell a document cut short (its last char at the end of the input) from a bad char.
   */
  private static final class Tail extends java.io.FilterInputStream {
    /** How far past the parser's error {@link #end} reads to find the input's end. */
    private static final int LOOK_AHEAD = 64 * 1024;

    private long read;
    private long lastNonBlank = -1;
    private boolean ended;
    private boolean closed;

    Tail(InputStream in) {
      super(in);
    }

    @Override
    public int read() throws IOException {
      int b = super.read();
      if (b < 0) {
        ended = true;
      } else {
        if (!isJsonWhiteSpace((char) b)) {
          lastNonBlank = read;
        }
        read++;
      }
      return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      int n = super.read(b, off, len);
      if (n < 0) {
        ended = true;
        return n;
      }
      for (int i = n - 1; i >= 0; i--) {
        if (!isJsonWhiteSpace((char) b[off + i])) {
          lastNonBlank = read + i;
          break;
        }
      }
      read += n;
      return n;
    }

    /**
     * The offset of the document's last byte that is not white space, reading on at most
     * {@value #LOOK_AHEAD} bytes past what the parser read; {@code Long.MAX_VALUE} (no char is at
     * the end) if the input goes on beyond that or cannot be read.
     */
    long end() {
      byte[] buffer = new byte[8192];
      try {
        for (long left = LOOK_AHEAD; !ended && left > 0; ) {
          int n = read(buffer, 0, (int) Math.min(buffer.length, left));
          if (n > 0) {
            left -= n;
          }
        }
      } catch (IOException e) {
        return Long.MAX_VALUE;
      }
      return ended ? lastNonBlank : Long.MAX_VALUE;
    }

    @Override
    public boolean markSupported() {
      return false;
    }

    /** Closes the caller's stream once: the parser closes it, and so does the reader after it. */
    @Override
    public void close() throws IOException {
      if (!closed) {
        closed = true;
        super.close();
      }
    }
  }

  /**
   * Reads one value of {@code type} with {@code parser}, which it closes. The parser is kept, not
   * left to Jackson, so that an error can name where the parser stopped: the path and place of a
   * problem in the text itself, which a mapping error does not carry (and a limit's error has no
   * place at all).
   */
  private static <T> T readValue(JsonParser parser, LongSupplier end, JavaType type, Supplier<String> what) {
    try (parser) {
      try {
        return MAPPER.readValue(parser, type);
      } catch (JsonProcessingException e) {
        throw translate(e, what.get(), parser, end.getAsLong());
      }
    } catch (IOException e) {  // reading the stream failed; a text in memory: not expected
      throw new UncheckedIOException(e);
    }
  }

  private static JsonParser parser(String json) {
    try {
      return MAPPER.createParser(json);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The index of the last char of {@code json} that is not JSON white space; -1 if there is none. */
  private static long lastNonBlank(String json) {
    int i = json.length() - 1;
    while (i >= 0 && isJsonWhiteSpace(json.charAt(i))) {
      i--;
    }
    return i;
  }

  private static boolean isJsonWhiteSpace(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
  }

  /**
   * The JSON text of a definition, indented.
   *
   * @param definition the definition to write
   * @return the JSON text of a definition, indented
   */
  public static String write(Object definition) {
    checkNotNull(definition, "definition");
    try {
      return MAPPER.writeValueAsString(definition);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("cannot write " + definition.getClass().getSimpleName() + " as JSON: "
          + e.getOriginalMessage(), e);
    }
  }

  /**
   * {@code value}, read from a document that held a definition: Jackson reads a document that is
   * {@code null} as Java null, which {@code read} refuses like a {@code null} anywhere else.
   */
  private static <T> T present(T value, String what, Class<?> type) {
    if (value == null) {
      throw new DefinitionException("JSON for " + what, List.of(Problem.of("", "expected " + expectation(type)
          + ", got null")));
    }
    return value;
  }

  /** A type as Java source writes it, without packages: {@code List<Team>}. */
  private static String nameOf(JavaType type) {
    String raw = type.getRawClass().getSimpleName();
    if (type.containedTypeCount() == 0) {
      return raw;
    }
    StringBuilder out = new StringBuilder(raw).append('<');
    for (int i = 0; i < type.containedTypeCount(); i++) {
      out.append(i == 0 ? "" : ", ").append(nameOf(type.containedType(i)));
    }
    return out.append('>').toString();
  }

  /**
   * Turns Jackson's exception into one that names the JSON path and what was expected there, with
   * Jackson's as its cause; a problem in the text itself (a duplicate member, NaN, a comment, a
   * document cut short) also names the line and column.
   */
  static DefinitionException translate(JsonProcessingException e, String what, JsonParser parser, long end) {
    String subject = "JSON for " + what;
    String mappedPath = e instanceof JsonMappingException m ? pathOf(m.getPath()) : "";
    DefinitionException out = MalformedJson.describe(e, parser, mappedPath, end)
        .map(problem -> new DefinitionException(subject, List.of(problem)))
        .orElseGet(() -> fromMapping(e, subject, mappedPath));
    out.initCause(e);
    return out;
  }

  private static DefinitionException fromMapping(JsonProcessingException e, String subject, String path) {
    if (!(e instanceof JsonMappingException m)) {
      return new DefinitionException(subject, List.of(Problem.of("", e.getOriginalMessage())));
    }
    Throwable cause = m.getCause();
    if (m instanceof ValueInstantiationException || (cause != null && cause instanceof RuntimeException
        && !(cause instanceof JsonProcessingException))) {
      return fromCause(subject, path, cause == null ? m : cause);
    }
    List<Problem> problems = new ArrayList<>();
    problems.add(Problem.of(path, describe(m)));
    return new DefinitionException(subject, problems);
  }

  private static DefinitionException fromCause(String subject, String path, Throwable cause) {
    List<Problem> problems = new ArrayList<>();
    if (cause instanceof DefinitionException definition) {
      for (Problem p : definition.problems()) {
        problems.add(p.under(path));
      }
    } else if (cause instanceof IllegalStateException && cause.getMessage() != null
        && MISSING_ATTRIBUTES.matcher(cause.getMessage()).find()) {
      Matcher missing = MISSING_ATTRIBUTES.matcher(cause.getMessage());
      missing.find();
      // a generated builder whose style keeps Immutables' own exception: the same problem as core's
      for (String field : missing.group(1).split(",\\s*")) {
        problems.add(Problem.of(field, "required, not set").under(path));
      }
    } else if (cause instanceof NullPointerException) {
      String field = cause.getMessage() == null ? "" : cause.getMessage();
      problems.add(Problem.of(Problem.of(field, "").under(path).path(), "expected a value, got null"));
    } else {
      problems.add(Problem.of(path, String.valueOf(cause.getMessage())));
    }
    return new DefinitionException(subject, problems);
  }

  private static String describe(JsonMappingException m) {
    if (m instanceof UnrecognizedPropertyException u) {
      return "unknown field '" + u.getPropertyName() + "'; known fields: " + sorted(u.getKnownPropertyIds());
    }
    if (m instanceof InvalidTypeIdException t) {
      Matcher known = KNOWN_TYPE_IDS.matcher(m.getOriginalMessage());
      String expected = known.find() ? "; expected one of [" + known.group(1) + "]" : "";
      if (t.getTypeId() == null) {
        return "missing 'type'" + expected;
      }
      return "unknown type '" + t.getTypeId() + "'" + expected;
    }
    if (m instanceof InvalidNullException n) {
      return n.getTargetType() == null ? "expected a value, got null"
          : "expected " + expectation(n.getTargetType()) + ", got null";
    }
    if (m instanceof InvalidFormatException f) {
      return "expected " + expectation(f.getTargetType()) + ", got " + Values.describe(f.getValue());
    }
    if (m instanceof MismatchedInputException mi) {
      Matcher trailing = TRAILING_TOKEN.matcher(String.valueOf(mi.getOriginalMessage()));
      if (trailing.lookingAt()) {
        // FAIL_ON_TRAILING_TOKENS: the document was read whole, and something follows it
        return "expected the end of the document, got " + kindOf(trailing.group(1)) + MalformedJson.where(mi.getLocation());
      }
      String got = tokenAt(mi);
      String message = String.valueOf(mi.getOriginalMessage());
      if (got.isEmpty() && message.startsWith(NO_CONTENT)) {
        got = "empty input";  // nothing but whitespace, if anything
      }
      if (got.isEmpty()) {
        Matcher quoted = QUOTED_INPUT.matcher(message);
        got = quoted.find() ? Values.describe(quoted.group(1)) : "";
      }
      if (got.isEmpty()) {
        Matcher token = TOKEN.matcher(message);
        got = token.find() ? kindOf(token.group(1)) : "";
      }
      if (got.isEmpty()) {
        Matcher scalar = SCALAR_INPUT.matcher(message);
        got = scalar.find() ? scalar.group(1) : "";
      }
      if (mi.getTargetType() != null) {
        return "expected " + expectation(mi.getTargetType()) + (got.isEmpty() ? "" : ", got " + got);
      }
    }
    return firstLine(m.getOriginalMessage());
  }

  /** What a token named in Jackson's message is, for a message: {@code START_ARRAY} is a list. */
  private static String kindOf(String token) {
    switch (token) {
      case "START_ARRAY":
        return "a list";
      case "START_OBJECT":
        return "an object";
      case "VALUE_STRING":
        return "a text";
      case "VALUE_NUMBER_INT":
      case "VALUE_NUMBER_FLOAT":
        return "a number";
      case "VALUE_TRUE":
      case "VALUE_FALSE":
        return "true or false";
      case "VALUE_NULL":
        return "null";
      default:
        return "more content";
    }
  }

  private static String tokenAt(MismatchedInputException e) {
    if (!(e.getProcessor() instanceof JsonParser parser)) {
      return "";
    }
    try {
      if (parser.currentToken() == null) {
        return "";
      }
      switch (parser.currentToken()) {
        case VALUE_STRING:
          return Values.describe(parser.getText());
        case VALUE_NUMBER_INT:
        case VALUE_NUMBER_FLOAT:
          return parser.getText();
        case VALUE_TRUE:
        case VALUE_FALSE:
          return parser.getText();
        case VALUE_NULL:
          return "null";
        case START_ARRAY:
          return "a list";
        case START_OBJECT:
          return "an object";
        default:
          return "";
      }
    } catch (IOException ignored) {
      return "";
    }
  }

  private static String expectation(Class<?> target) {
    if (target == int.class || target == Integer.class || target == long.class || target == Long.class
        || target == short.class || target == Short.class) {
      return "a whole number";
    }
    if (target == double.class || target == Double.class || target == float.class || target == Float.class
        || Number.class.isAssignableFrom(target)) {
      return "a number";
    }
    if (target == boolean.class || target == Boolean.class) {
      return "true or false";
    }
    if (target == String.class) {
      return "a text";
    }
    if (target.isEnum()) {
      return "one of " + java.util.Arrays.stream(target.getEnumConstants()).map(Object::toString)
          .collect(Collectors.joining(", ", "[", "]"));
    }
    if (Collection.class.isAssignableFrom(target) || target.isArray()) {
      return "a list";
    }
    if (java.util.Map.class.isAssignableFrom(target)) {
      return "an object";
    }
    if (target == Duration.class) {
      return "a duration such as \"PT4H\"";
    }
    if (target == Instant.class) {
      return "an ISO-8601 instant such as \"2026-03-01T08:00:00Z\"";
    }
    String name = target.getSimpleName();
    if (name.equals("Json") && target.getEnclosingClass() != null) {
      name = target.getEnclosingClass().getSimpleName();  // the JSON form Immutables generates: ImmutableTeam.Json
    }
    if (name.startsWith("Immutable")) {
      name = name.substring("Immutable".length());
    }
    return ("AEIOU".indexOf(name.isEmpty() ? 'x' : name.charAt(0)) >= 0 ? "an " : "a ") + name + " object";
  }

  private static String pathOf(List<JsonMappingException.Reference> references) {
    StringBuilder out = new StringBuilder();
    for (JsonMappingException.Reference ref : references) {
      if (ref.getFieldName() != null) {
        if (out.length() > 0) {
          out.append('.');
        }
        out.append(ref.getFieldName());
      } else if (ref.getIndex() >= 0) {
        out.append('[').append(ref.getIndex()).append(']');
      }
    }
    return out.toString();
  }

  private static String sorted(Collection<Object> ids) {
    return ids == null ? "[]" : ids.stream().map(String::valueOf).sorted().collect(Collectors.joining(", ", "[", "]"));
  }

  private static String firstLine(String message) {
    if (message == null) {
      return "invalid value";
    }
    int newline = message.indexOf('\n');
    return newline < 0 ? message : message.substring(0, newline);
  }
}
