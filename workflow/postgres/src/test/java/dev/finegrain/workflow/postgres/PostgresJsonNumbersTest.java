package dev.finegrain.workflow.postgres;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.finegrain.core.json.FinegrainJson;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Doubles through a {@code jsonb} column, as events and snapshots go: PostgreSQL keeps numbers as
 * {@code numeric} and prints them without an exponent, so a whole double Jackson writes
 * {@code 1.2345678E7} would come back as the whole number {@code 12345678}.
 */
class PostgresJsonNumbersTest {
  private static final List<Double> DOUBLES = List.of(12345678.0, -98765432.0, 1e7, 9.999999e6, 1e20, 0x1p63,
      Double.MAX_VALUE, -Double.MAX_VALUE, 1.23e-5, Double.MIN_VALUE, 0.1, 388.5, 123.0, 0.0);
  private static EmbeddedPostgres postgres;

  @BeforeAll
  static void startPostgres() throws IOException {
    postgres = EmbeddedPostgres.builder().start();
  }

  @AfterAll
  static void stopPostgres() throws IOException {
    if (postgres != null) {
      postgres.close();
    }
  }

  private static JsonNode throughJsonb(String json) throws SQLException, IOException {
    try (Connection connection = postgres.getPostgresDatabase().getConnection();
        PreparedStatement statement = connection.prepareStatement("SELECT ?::jsonb::text")) {
      statement.setString(1, json);
      try (ResultSet rows = statement.executeQuery()) {
        rows.next();
        return FinegrainJson.mapper().readTree(rows.getString(1));
      }
    }
  }

  @Test
  void everyDoubleWrittenForJsonbReadsBackAsTheSameDouble() throws Exception {
    for (double d : DOUBLES) {
      JsonNode read = throughJsonb(StoredJson.write(Map.of("v", d))).get("v");

      assertTrue(read.isFloatingPointNumber(), d + " came back as " + read);
      assertEquals(d, read.doubleValue(), 0.0, d + " came back as " + read);
    }
  }

  @Test
  void aStateWrittenElsewhereIsRewrittenSoItsDoublesReadBackTheSame() throws Exception {
    for (double d : DOUBLES) {
      String engineJson = FinegrainJson.write(Map.of("subject", Map.of("v", d, "n", 7L)));  // 1.2345678E7 and the like
      JsonNode read = throughJsonb(StoredJson.rewrite(engineJson)).get("subject");

      assertTrue(read.get("v").isFloatingPointNumber(), d + " came back as " + read);
      assertEquals(d, read.get("v").doubleValue(), 0.0);
      assertTrue(read.get("n").isIntegralNumber(), read::toString);
    }
  }
}
