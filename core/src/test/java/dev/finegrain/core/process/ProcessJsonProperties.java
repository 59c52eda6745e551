package dev.finegrain.core.process;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.finegrain.core.json.FinegrainJson;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

class ProcessJsonProperties {
  @Provide
  Arbitrary<ProcessDefinition> processes() {
    return ProcessArbitraries.processes();
  }

  @Provide
  Arbitrary<ResponsibilityMatrix> matrices() {
    return ProcessArbitraries.matrices();
  }

  @Property
  void processJsonRoundTripIsIdentity(@ForAll("processes") ProcessDefinition process) {
    assertEquals(process, FinegrainJson.read(FinegrainJson.write(process), ProcessDefinition.class));
  }

  @Property
  void matrixJsonRoundTripIsIdentity(@ForAll("matrices") ResponsibilityMatrix matrix) {
    assertEquals(matrix, FinegrainJson.read(FinegrainJson.write(matrix), ResponsibilityMatrix.class));
  }
}
