package dev.finegrain.examples.spark;

import dev.finegrain.kpi.accumulator.Accumulator;
import dev.finegrain.kpi.accumulator.Accumulators;
import java.io.Serializable;
import org.apache.spark.sql.Encoder;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.catalyst.encoders.AgnosticEncoder;
import org.apache.spark.sql.catalyst.encoders.AgnosticEncoders;
import org.apache.spark.sql.catalyst.encoders.Codec;
import scala.reflect.ClassTag;
import scala.reflect.ClassTag$;
import scala.runtime.AbstractFunction0;

/**
 * The Spark encoder of a finegrain {@link Accumulator} buffer: {@link Encoders#BINARY()} over the
 * accumulator's versioned byte form, {@link Accumulator#toBytes()} one way and
 * {@link Accumulators#fromBytes(byte[])} (which reads the type from the tag byte) the other. No
 * Java serialization and no Kryo: what crosses a shuffle is exactly the documented byte form.
 *
 * <p>Built as a Spark 4 {@code TransformingEncoder} (the way Spark builds its own Kryo and Java
 * serialization encoders). That class is in Spark's catalyst package rather than its stable API,
 * so a Spark upgrade may need this class, and only this class, adjusted.
 */
public final class AccumulatorEncoder {
  private static final Encoder<Accumulator<?, ?>> ENCODER = create();

  private AccumulatorEncoder() {}

  /** The encoder; it is immutable and shared. */
  public static Encoder<Accumulator<?, ?>> get() {
    return ENCODER;
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private static Encoder<Accumulator<?, ?>> create() {
    AgnosticEncoder<byte[]> binary = (AgnosticEncoder<byte[]>) Encoders.BINARY();
    ClassTag<Accumulator<?, ?>> tag = (ClassTag) ClassTag$.MODULE$.apply(Accumulator.class);
    return new AgnosticEncoders.TransformingEncoder<Accumulator<?, ?>, byte[]>(tag, binary, new BytesCodecProvider(),
        false);
  }

  /** {@code toBytes} and {@code Accumulators.fromBytes}. */
  static final class BytesCodec implements Codec<Accumulator<?, ?>, byte[]> {
    private static final long serialVersionUID = 1L;

    @Override
    public byte[] encode(Accumulator<?, ?> in) {
      return in.toBytes();
    }

    @Override
    public Accumulator<?, ?> decode(byte[] out) {
      return Accumulators.fromBytes(out);
    }
  }

  /** Spark asks for the codec through a function, once per place it is used. */
  static final class BytesCodecProvider extends AbstractFunction0<Codec<? super Accumulator<?, ?>, byte[]>>
      implements Serializable {
    private static final long serialVersionUID = 1L;

    @Override
    public Codec<? super Accumulator<?, ?>, byte[]> apply() {
      return new BytesCodec();
    }
  }
}
