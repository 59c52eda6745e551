package dev.finegrain.core.process;

import static dev.finegrain.core.testing.Theories.qt;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.finegrain.core.json.FinegrainJson;
import org.junit.jupiter.api.Test;

class ProcessJsonProperties {
  @Test
  void processJsonRoundTripIsIdentity() {
    qt().forAll(ProcessGens.processes()).checkAssert(process ->
        assertEquals(process, FinegrainJson.read(FinegrainJson.write(process), ProcessDefinition.class)));
  }

  @Test
  void matrixJsonRoundTripIsIdentity() {
    qt().forAll(ProcessGens.matrices()).checkAssert(matrix ->
        assertEquals(matrix, FinegrainJson.read(FinegrainJson.write(matrix), ResponsibilityMatrix.class)));
  }
}
