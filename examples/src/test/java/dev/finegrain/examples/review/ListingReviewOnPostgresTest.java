package dev.finegrain.examples.review;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.finegrain.workflow.postgres.PostgresEventStore;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/** The listing review scenario prints the same on an embedded PostgreSQL as in memory. */
class ListingReviewOnPostgresTest {
  private static String output(java.util.function.Consumer<PrintStream> scenario) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    scenario.accept(new PrintStream(bytes, true, StandardCharsets.UTF_8));
    return bytes.toString(StandardCharsets.UTF_8);
  }

  @Test
  void theScenarioOnPostgresPrintsWhatItPrintsInMemory() throws IOException {
    String inMemory = output(ListingReview::run);
    try (EmbeddedPostgres postgres = EmbeddedPostgres.builder().start()) {
      DataSource dataSource = postgres.getPostgresDatabase();
      PostgresEventStore.migrate(dataSource);

      String onPostgres = output(out -> ListingReview.run(out, PostgresEventStore.of(dataSource)));

      assertEquals(inMemory, onPostgres);
    }
  }
}
