package dev.finegrain.examples.review;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The listing review scenario prints the same on an embedded PostgreSQL as in memory. */
class ListingReviewOnPostgresTest {
  @Test
  void theScenarioOnPostgresPrintsWhatItPrintsInMemory() throws IOException {
    ByteArrayOutputStream inMemory = new ByteArrayOutputStream();
    ListingReview.run(new PrintStream(inMemory, true, StandardCharsets.UTF_8));
    ByteArrayOutputStream onPostgres = new ByteArrayOutputStream();
    ListingReview.runOnEmbeddedPostgres(new PrintStream(onPostgres, true, StandardCharsets.UTF_8));

    assertEquals(inMemory.toString(StandardCharsets.UTF_8), onPostgres.toString(StandardCharsets.UTF_8));
  }
}
