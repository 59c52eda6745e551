package dev.finegrain.core.json;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.exc.InputCoercionException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.core.io.JsonEOFException;
import dev.finegrain.core.Problem;
import dev.finegrain.core.internal.Values;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What Jackson's parser found wrong with the text of a document, in finegrain's words: the path of
 * the member or element it was reading (from the parser's own nesting, so a duplicate member is
 * named {@code members[2].id}, not just its object), what was expected there and what came
 * instead, and the line and column. Jackson says these things in messages meant for its own users
 * ("enable `JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS` to allow"); they are matched here, in one
 * table of patterns ({@code MalformedJsonTest} reads a document for each). A message no pattern
 * knows is passed on, marked as the JSON reader's.
 */
final class MalformedJson {
  /** What a value may be, for a message that expected one. */
  private static final String A_VALUE = "a text, number, list, object, true, false or null";
  private static final String END = "the end of the input";

  private static final Pattern DUPLICATE = Pattern.compile("Duplicate field '(.*)'", Pattern.DOTALL);
  private static final Pattern NON_FINITE = Pattern.compile("Non-standard token '([^']*)'");
  private static final Pattern UNRECOGNIZED = Pattern.compile("Unrecognized token '(.*)': was expecting", Pattern.DOTALL);
  /** Jackson names the character twice, as itself and as {@code (code 39)}; only the code is read. */
  private static final Pattern UNEXPECTED = Pattern.compile(
      "Unexpected character \\(.*?code (\\d+)[^)]*\\)\\)( in numeric value)?: (.*)", Pattern.DOTALL);
  private static final Pattern WRONG_CLOSE = Pattern.compile("Unexpected close marker '(.)': expected '(.)'");
  private static final Pattern STRAY_CLOSE = Pattern.compile("Unexpected close marker '(.)': no open");
  private static final Pattern UNESCAPED = Pattern.compile("Illegal unquoted character \\(\\(CTRL-CHAR, code (\\d+)\\)\\)");
  private static final Pattern BAD_ESCAPE = Pattern.compile("Unrecognized character escape .*?\\(code (\\d+)\\)",
      Pattern.DOTALL);
  private static final Pattern BETWEEN_TOKENS = Pattern.compile("Illegal character \\(\\(CTRL-CHAR, code (\\d+)\\)\\)");
  private static final Pattern INVALID_UTF8 = Pattern.compile("Invalid UTF-8 (?:start|middle) byte 0x(\\p{XDigit}+)");
  private static final Pattern UTF8_SURROGATE = Pattern.compile("Invalid UTF-8: Illegal surrogate character 0x(\\p{XDigit}+)");
  private static final Pattern OUT_OF_RANGE = Pattern.compile(
      "Numeric value \\((.*)\\) out of range of (?:int|long) \\((-?\\d+) - (-?\\d+)\\)", Pattern.DOTALL);
  private static final Pattern DIGITS = Pattern.compile("\\[Integer with (\\d+) digits\\]");
  private static final Pattern LIMIT = Pattern.compile("(Document nesting depth|Number value length|String value length"
      + "|Name length) \\(((?:at least )?\\d+)\\) exceeds the maximum allowed \\((\\d+)");

  private MalformedJson() {}

  /**
   * The problem Jackson's parser found, if {@code e} is one (it may be wrapped in a mapping error);
   * empty for a mapping error, which {@link FinegrainJson} describes.
   *
   * @param e what Jackson threw
   * @param parser the parser that read the document, still at the place it stopped
   * @param mappedPath the path Jackson's mapping names, for a number read past its type's range
   * @param end the offset of the document's last char (or byte) that is not white space, -1 if none
   */
  static Optional<Problem> describe(Exception e, JsonParser parser, String mappedPath, long end) {
    Throwable found = e;
    while (found != null && !(found instanceof StreamReadException) && !(found instanceof StreamConstraintsException)) {
      found = found.getCause();
    }
    if (found == null) {
      return Optional.empty();
    }
    JsonProcessingException jackson = (JsonProcessingException) found;  // both kinds found are
    String message = String.valueOf(jackson.getOriginalMessage());
    // a limit's error has no place: the parser's is where it stopped
    JsonLocation at = jackson.getLocation() != null ? jackson.getLocation() : parser.currentLocation();
    JsonStreamContext context = parser.getParsingContext();
    if (found instanceof InputCoercionException) {
      // read by the mapping, possibly from tokens it buffered: its path, and a place only if the parser's
      return Optional.of(Problem.of(mappedPath, outOfRange(message)
          + (((InputCoercionException) found).getProcessor() == parser ? where(parser.currentTokenLocation()) : "")));
    }
    return Optional.of(syntax(found, message, context, at, end));
  }

  private static Problem syntax(Throwable found, String message, JsonStreamContext context, JsonLocation at,
      long end) {
    String value = valuePath(context);
    String container = containerPath(context);
    String place = where(at);
    Matcher m;
    if ((m = DUPLICATE.matcher(message)).matches()) {
      return Problem.of(value, "expected each field once, got '" + m.group(1) + "' a second time" + place);
    }
    if (found instanceof JsonEOFException || message.startsWith("Unexpected end-of-input")) {
      return endOfInput(found, context, value, container, place);
    }
    if ((m = NON_FINITE.matcher(message)).lookingAt()) {
      // Jackson's place is just past the word, which is on one line: its first char is named
      String first = at.getLineNr() < 1 ? "" : where(at.getLineNr(), at.getColumnNr() - m.group(1).length());
      return afterTheDocument(context) ? Problem.of("", "expected the end of the document, got " + m.group(1) + first)
          : Problem.of(value, "expected a finite number, got " + m.group(1) + first);
    }
    if ((m = UNRECOGNIZED.matcher(message)).lookingAt()) {
      String got = "'" + Values.shorten(m.group(1)) + "'";
      return afterTheDocument(context) ? Problem.of("", "expected the end of the document, got " + got + place)
          : Problem.of(value, "expected " + A_VALUE + ", got " + got + place);
    }
    if ((m = UNEXPECTED.matcher(message)).matches()) {
      return unexpected(Integer.parseInt(m.group(1)), m.group(2) != null, m.group(3), context, value, container, at,
          end);
    }
    if ((m = WRONG_CLOSE.matcher(message)).lookingAt()) {
      return Problem.of(container, "expected '" + m.group(2) + "' closing the " + (m.group(2).equals("}") ? "object"
          : "list") + ", got '" + m.group(1) + "'" + place);
    }
    if ((m = STRAY_CLOSE.matcher(message)).lookingAt()) {
      return Problem.of("", (context.getEntryCount() > 0 ? "expected the end of the document" : "expected " + A_VALUE)
          + ", got '" + m.group(1) + "'" + place);
    }
    if ((m = UNESCAPED.matcher(message)).lookingAt()) {
      int code = Integer.parseInt(m.group(1));
      return Problem.of(value, String.format("expected U+%04X escaped as \\u%04X, got it unescaped", code, code)
          + place);
    }
    if ((m = BAD_ESCAPE.matcher(message)).lookingAt()) {
      return Problem.of(value, "expected one of \\\" \\\\ \\/ \\b \\f \\n \\r \\t \\u after a backslash, got "
          + character(Integer.parseInt(m.group(1))) + place);
    }
    if ((m = BETWEEN_TOKENS.matcher(message)).lookingAt()) {
      String got = character(Integer.parseInt(m.group(1)));
      String itself = where(at, 1);  // Jackson's place is past the char
      return context.inRoot() && context.getEntryCount() > 0
          ? Problem.of("", "expected the end of the document, got " + got + itself)
          : Problem.of(container, "expected only spaces, tabs and line breaks between tokens, got " + got + itself);
    }
    if (message.startsWith("Invalid numeric value: Leading zeroes")) {
      return Problem.of(value, "expected a number without leading zeros, got a leading '0'" + place);
    }
    // Jackson's place is past the byte, or past the three bytes of a surrogate
    if ((m = INVALID_UTF8.matcher(message)).lookingAt()) {
      return Problem.of(value, "expected UTF-8, got the byte 0x" + m.group(1) + where(at, 1));
    }
    if ((m = UTF8_SURROGATE.matcher(message)).lookingAt()) {
      return Problem.of(value, "expected UTF-8, got the surrogate U+" + m.group(1).toUpperCase(Locale.ROOT)
          + " encoded as bytes" + where(at, 3));
    }
    if ((m = LIMIT.matcher(message)).lookingAt()) {
      return limit(m.group(1), m.group(2), m.group(3), value, container, place);
    }
    // one Jackson has that no pattern above knows: passed on, but marked as Jackson's
    return Problem.of(value, "malformed JSON (the JSON reader says: " + firstLine(message) + ")" + place);
  }

  private static Problem endOfInput(Throwable found, JsonStreamContext context, String value, String container,
      String place) {
    JsonToken decoding = found instanceof JsonEOFException eof ? eof.getTokenBeingDecoded() : null;
    if (decoding == JsonToken.VALUE_STRING) {
      return Problem.of(value, "expected the rest of the text and its closing '\"', got " + END + place);
    }
    if (decoding == JsonToken.FIELD_NAME) {
      return Problem.of(container, "expected the rest of the field name and its closing '\"', got " + END + place);
    }
    // a number cut short is named by the object or list it is in: the byte reader does not say it was in one
    if (context.inObject()) {
      return Problem.of(container, "expected the rest of the object and its '}', got " + END + place);
    }
    if (context.inArray()) {
      return Problem.of(container, "expected the rest of the list and its ']', got " + END + place);
    }
    return Problem.of("", "expected the rest of the document, got " + END + place);
  }

  private static Problem unexpected(int code, boolean inNumber, String detail, JsonStreamContext context, String value,
      String container, JsonLocation at, long end) {
    String place = where(at);
    if (inNumber) {
      // cut short after '1.', Jackson names the number's last char, and its place, as the unexpected one
      boolean cut = "1234567890.eE+-".indexOf(code) >= 0 && offset(at) == end && !detail.contains("plus sign");
      String got = cut ? END : character(code);
      place = cut ? where(at.getLineNr(), at.getColumnNr() + 1) : place;
      if (detail.contains("plus sign")) {
        return Problem.of(value, "expected a number without a plus sign, got " + got + place);
      }
      if (detail.contains("minus sign")) {
        return Problem.of(value, "expected a digit after '-', got " + got + place);
      }
      if (detail.contains("Decimal point")) {
        return Problem.of(value, "expected a digit after the decimal point, got " + got + place);
      }
      if (detail.contains("Exponent")) {
        return Problem.of(value, "expected a digit in the exponent, got " + got + place);
      }
      return Problem.of(value, "expected a digit, got " + got + place);
    }
    String got = character(code);
    if (detail.contains("comment")) {
      return Problem.of(container, "expected JSON without comments, got " + got + place);
    }
    if (detail.startsWith("was expecting double-quote to start field name")
        || detail.startsWith("was expecting either valid name character")) {
      return Problem.of(container, "expected a field name in double quotes, got " + got + place);
    }
    if (detail.startsWith("was expecting comma to separate Object")) {
      return Problem.of(container, "expected ',' or '}', got " + got + place);
    }
    if (detail.startsWith("was expecting comma to separate Array")) {
      return Problem.of(container, "expected ',' or ']', got " + got + place);
    }
    if (detail.startsWith("was expecting a colon")) {
      return Problem.of(value, "expected ':' after the field name, got " + got + place);
    }
    if (detail.startsWith("Expected space separating root-level values")
        || (detail.startsWith("expected a valid value") && afterTheDocument(context))) {
      return Problem.of("", "expected the end of the document, got " + got + place);
    }
    if (detail.startsWith("expected a valid value")) {
      return Problem.of(value, "expected " + A_VALUE + ", got " + got + place);
    }
    if (detail.contains("hex-digit")) {
      return Problem.of(value, "expected four hex digits after \\u, got " + got + place);
    }
    return Problem.of(value, "expected well-formed JSON, got " + got + place);
  }

  private static Problem limit(String what, String got, String max, String value, String container, String place) {
    switch (what) {
      case "Document nesting depth":
        return Problem.of(value, "expected objects and lists nested at most " + max
            + " deep (FinegrainJson.MAX_NESTING_DEPTH), got " + got + " levels" + place);
      case "Number value length":
        return Problem.of(value, "expected a number of at most " + max + " chars, got " + got + place);
      case "String value length":
        return Problem.of(value, "expected a text of at most " + max + " chars, got " + got + place);
      default:
        return Problem.of(container, "expected a field name of at most " + max + " chars, got " + got + place);
    }
  }

  private static String outOfRange(String message) {
    Matcher m = OUT_OF_RANGE.matcher(message);
    if (!m.lookingAt()) {
      return "expected a whole number in range (the JSON reader says: " + firstLine(message) + ")";
    }
    Matcher digits = DIGITS.matcher(m.group(1));
    String got = digits.matches() ? "a whole number of " + digits.group(1) + " digits" : Values.shorten(m.group(1));
    return "expected a whole number from " + m.group(2) + " to " + m.group(3) + ", got " + got;
  }

  /**
   * Whether the parser, at the top level, is past the document's one value: on the second value
   * (the parser counts values at the top level as it starts each).
   */
  private static boolean afterTheDocument(JsonStreamContext context) {
    return context.inRoot() && context.getEntryCount() > 1;
  }

  /** A character as a message shows it: {@code 'x'}, or its code point when it would not show. */
  private static String character(int code) {
    if (code == '\'') {
      return "a single quote (')";
    }
    if (Character.isISOControl(code) || Character.isWhitespace(code) || Character.isSpaceChar(code)
        || Character.getType(code) == Character.FORMAT || Character.isSurrogate((char) code)) {
      return String.format("U+%04X", code);
    }
    return "'" + new String(Character.toChars(code)) + "'";
  }

  /** The path of the member or element the parser was reading: {@code members[2].id}. */
  private static String valuePath(JsonStreamContext context) {
    List<JsonStreamContext> levels = new ArrayList<>();
    for (JsonStreamContext c = context; c != null && !c.inRoot(); c = c.getParent()) {
      levels.add(c);
    }
    StringBuilder out = new StringBuilder();
    for (int i = levels.size() - 1; i >= 0; i--) {
      JsonStreamContext level = levels.get(i);
      if (level.inObject() && level.getCurrentName() != null) {
        out.append(out.length() == 0 ? "" : ".").append(level.getCurrentName());
      } else if (level.inArray() && level.getEntryCount() > 0) {
        out.append('[').append(level.getCurrentIndex()).append(']');
      }
    }
    return out.toString();
  }

  /** The path of the object or list the parser was in: {@code members[2]} while reading {@code members[2].id}. */
  private static String containerPath(JsonStreamContext context) {
    return context == null || context.inRoot() ? "" : valuePath(context.getParent());
  }

  /** {@code " at line 3, column 12"}, or nothing when Jackson does not know the place. */
  static String where(JsonLocation at) {
    return at == null || at.getLineNr() < 1 ? "" : where(at.getLineNr(), at.getColumnNr());
  }

  /** {@link #where(JsonLocation)}, {@code back} columns before Jackson's, for an error it reports past its cause. */
  private static String where(JsonLocation at, int back) {
    return at == null || at.getLineNr() < 1 ? "" : where(at.getLineNr(), Math.max(1, at.getColumnNr() - back));
  }

  private static String where(int line, int column) {
    return " at line " + line + ", column " + column;
  }

  /** The offset of {@code at} in the document: in chars for a text, in bytes for bytes. */
  private static long offset(JsonLocation at) {
    return at.getByteOffset() >= 0 ? at.getByteOffset() : at.getCharOffset();
  }

  private static String firstLine(String message) {
    int newline = message.indexOf('\n');
    return newline < 0 ? message : message.substring(0, newline);
  }
}
