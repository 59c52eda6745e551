package dev.finegrain.examples.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.module.scala.DefaultScalaModule$;
import dev.finegrain.core.DefinitionException;
import dev.finegrain.core.json.FinegrainJson;
import dev.finegrain.kpi.Kpi;
import dev.finegrain.kpi.KpiQuery;
import org.junit.jupiter.api.Test;

/**
 * This module runs on Spark's Jackson (2.20), not the 2.23 the library modules build with:
 * finegrain's JSON code must work on it, and Spark's Scala module must accept it.
 */
class SparkJacksonTest {
  @Test
  void runsOnSparksJacksonVersion() {
    assertEquals("2.20", com.fasterxml.jackson.databind.cfg.PackageVersion.VERSION.toString().substring(0, 4));
    assertEquals("2.20", com.fasterxml.jackson.core.json.PackageVersion.VERSION.toString().substring(0, 4));
  }

  @Test
  void sparksScalaModuleAcceptsTheDatabindVersion() {
    // jackson-module-scala throws JsonMappingException here when databind is another minor version
    ObjectMapper mapper = new ObjectMapper().registerModule(DefaultScalaModule$.MODULE$);
    assertTrue(mapper.getRegisteredModuleIds().stream().anyMatch(id -> id.toString().contains("Scala")));
  }

  @Test
  void readsAKpiFromJson() {
    Kpi kpi = FinegrainJson.read("""
        {"id": "on-time", "name": "On-time shipping rate", "unit": "%", "direction": "HIGHER_IS_BETTER",
         "measure": {"type": "ratio",
           "numerator": {"aggregate": "COUNT",
             "filter": {"type": "compare", "field": "shippedAt", "op": "<=", "otherField": "promisedShipBy"}},
           "denominator": {"aggregate": "COUNT"}},
         "target": {"value": 0.95, "amberWithin": 0.02}}
        """, Kpi.class);
    assertEquals("on-time", kpi.id());
    assertEquals("(count where shippedAt <= promisedShipBy) / (count)", kpi.measure().toString());
  }

  @Test
  void everyDashboardKpiAndTheWeeklyQueryRoundTrip() {
    for (Kpi kpi : DashboardKpis.all()) {
      assertEquals(kpi, FinegrainJson.read(FinegrainJson.write(kpi), Kpi.class), kpi.id());
    }
    KpiQuery query = DashboardKpis.weeklyQuery();
    assertEquals(query, FinegrainJson.read(FinegrainJson.write(query), KpiQuery.class));
  }

  @Test
  void strictReadingStillNamesThePath() {
    DefinitionException e = assertThrows(DefinitionException.class, () -> FinegrainJson.read(
        "{\"id\": \"x\", \"name\": \"X\", \"unit\": \"n\", \"direction\": \"HIGHER_IS_BETTER\","
            + " \"measure\": {\"type\": \"count\"}, \"colour\": \"red\"}", Kpi.class));
    assertTrue(e.getMessage().contains("colour"), e.getMessage());
  }
}
