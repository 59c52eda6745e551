package dev.finegrain.workflow.postgres;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.JsonGeneratorDelegate;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.finegrain.core.json.FinegrainJson;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigDecimal;

/**
 * The JSON this store keeps in {@code jsonb} columns. PostgreSQL keeps a JSON number as a
 * {@code numeric}, and prints it back without an exponent: a whole double such as 12345678.0,
 * which Jackson writes {@code 1.2345678E7}, would come back as {@code 12345678}, a whole number,
 * and the event would no longer equal the one hashed into the chain (past {@code 2^63}, not read at
 * all). Here every whole double from 10^7 up is written in full with a fraction,
 * {@code 12345678.0}, which {@code jsonb} keeps as written and which reads back as the same double.
 * Smaller doubles are written as they are ({@code 123.0}); a fraction in an exponent form, such as
 * {@code 1.23E-5}, comes back as {@code 0.0000123}, the same double.
 */
final class StoredJson {
  private static final ObjectMapper MAPPER = FinegrainJson.mapper();

  private StoredJson() {}

  /** {@code value} as JSON to keep in a {@code jsonb} column. */
  static String write(Object value) {
    StringWriter out = new StringWriter();
    try (JsonGenerator generator = new WholeDoublesWithAFraction(MAPPER.createGenerator(out))) {
      MAPPER.writeValue(generator, value);
    } catch (IOException e) {
      throw new UncheckedIOException("could not write " + value.getClass().getSimpleName() + " as JSON", e);
    }
    return out.toString();
  }

  /** JSON text written elsewhere (a case's state, encoded by the engine), rewritten as {@link #write} would. */
  static String rewrite(String json) {
    StringWriter out = new StringWriter();
    try (JsonGenerator generator = new WholeDoublesWithAFraction(MAPPER.createGenerator(out))) {
      MAPPER.writeTree(generator, MAPPER.readTree(json));
    } catch (IOException e) {
      throw new UncheckedIOException("could not rewrite JSON for PostgreSQL", e);
    }
    return out.toString();
  }

  /** Writes a whole double from 10^7 up in full, with {@code .0}, where Jackson would use an exponent. */
  private static final class WholeDoublesWithAFraction extends JsonGeneratorDelegate {
    WholeDoublesWithAFraction(JsonGenerator delegate) {
      super(delegate, false);
    }

    @Override
    public void writeNumber(double v) throws IOException {
      if (Math.abs(v) >= 1e7 && Double.isFinite(v) && v == Math.rint(v)) {
        delegate.writeNumber(new BigDecimal(v).toPlainString() + ".0");
      } else {
        delegate.writeNumber(v);
      }
    }

    @Override
    public void writeNumber(float v) throws IOException {
      writeNumber((double) v);
    }
  }
}
