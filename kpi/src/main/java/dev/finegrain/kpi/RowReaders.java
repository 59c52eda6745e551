package dev.finegrain.kpi;

import dev.finegrain.kpi.Schema.Field;
import java.io.IOException;
import java.io.InputStream;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Readers that take every field a query reads from a record in one loop, record by record, for a
 * schema's fields: a hidden class per list of fields (and, for a reader that also counts into the
 * fused loop, the fields' roles there), defined from the bytes of {@link RowReaderTemplate} with
 * the fields' types, extractors and roles as class data. The JDK alone
 * does this (no bytecode library): the template is compiled with the library, and each definition
 * is a new class whose constants the JIT folds, so each loop is compiled for its own extractors.
 *
 * <p>Why: read field by field, each extractor's loop visits the run's records again; a loop that
 * reads them all at once finds the record and the objects its fields point to in the core's
 * nearest cache once (benchmarks/JOURNAL.md, 2026-12-06, "Rows read record by record").
 *
 * <p>Where no class can be defined (a runtime that forbids hidden classes, or the template's bytes
 * are not readable as a resource), {@link #define} says so with an empty result and the row path
 * reads field by field, with the same results.
 */
final class RowReaders {
  /** The most fields one reader reads; a query that reads more reads the rest field by field. */
  static final int LANES = 8;

  static final int LONG = 0;
  static final int DOUBLE = 1;
  static final int BOOLEAN = 2;
  static final int DIMENSION = 3;
  static final int INSTANT = 4;

  // the roles of the fields in a fused read (RowReaderTemplate#fuse), each the lane of the field
  // that plays it (-1: none), or for a mask its kind (FusedDayKernel.NONE, COMPARE or FLAG)
  /** The instant that lays records out by day. */
  static final int TIME = 0;
  /** The dimension. */
  static final int CODE = 1;
  /** Mask 0's kind, its left field (a comparison's, or the yes/no field), its right field. */
  static final int KIND0 = 2;
  static final int LEFT0 = 3;
  static final int RIGHT0 = 4;
  /** Mask 1's, as mask 0's. */
  static final int KIND1 = 5;
  static final int LEFT1 = 6;
  static final int RIGHT1 = 7;
  /** The sum's field. */
  static final int SUM = 8;
  /** The quantile's field, or the two whose difference it divides. */
  static final int QUANTILE_LEFT = 9;
  static final int QUANTILE_RIGHT = 10;
  /** The number of roles. */
  static final int ROLES = 11;

  private static final String TEMPLATE = "RowReaderTemplate.class";

  /** The template's bytes, read once; null where they cannot be read as a resource. */
  private static final class Template {
    static final byte[] BYTES = read();

    private static byte[] read() {
      try (InputStream in = RowReaders.class.getResourceAsStream(TEMPLATE)) {
        return in == null ? null : in.readAllBytes();
      } catch (IOException e) {
        return null;
      }
    }
  }

  private RowReaders() {}

  /**
   * Reads fields of {@code records[from..to)} into the same positions of each field's slot; or,
   * defined with roles, counts them into the fused loop as it reads them.
   */
  interface Reader {
    /**
     * Reads lane {@code k}'s field into {@code slots[k]}, widening {@link Slot#low} and
     * {@link Slot#high} of whole-number and instant fields to the present values read, and setting
     * {@link Slot#absent} of every such field if any of them read an absent value.
     */
    void read(Object[] records, int from, int to, Slot[] slots);

    /**
     * For a reader defined with roles: reads records {@code from} onwards and counts each straight
     * into {@code kernel} (readied by {@link FusedDayKernel#readyForRecords}), as {@link
     * FusedDayKernel#add} would count it, until {@code to} or the first record that the kernel's
     * loop could not take (outside its days or dimension cells, or a value too large for its
     * arithmetic); returns that record's index ({@code to} if none), having put its fields into
     * the first place of their slots' buffers, with the bounds {@link #read} would set for it
     * alone. The dimension's codes come from its slot's dictionary in {@code slots}.
     */
    int fuse(Object[] records, int from, int to, FusedDayKernel kernel, Slot[] slots);
  }

  /** A reader of {@code fields} without roles (see {@link #define(List, int[])}). */
  static Optional<Reader> define(List<? extends Field<?>> fields) {
    return define(fields, null);
  }

  /**
   * A reader of {@code fields} (at most {@link #LANES}), in that order, that can also count them
   * straight into a fused kernel if {@code roles} (of {@link #ROLES}) says which field plays which
   * role there; empty where the runtime does not let the library define one.
   */
  static Optional<Reader> define(List<? extends Field<?>> fields, int[] roles) {
    if (fields.isEmpty() || fields.size() > LANES) {
      throw new IllegalArgumentException("a reader reads 1 to " + LANES + " fields, not " + fields.size());
    }
    if (roles != null) {
      checkRoles(fields, roles);
    }
    Object[] data = new Object[2 + 2 * fields.size()];
    data[0] = fields.size();
    data[1] = roles == null ? null : roles.clone();
    for (int k = 0; k < fields.size(); k++) {
      Field<?> field = fields.get(k);
      data[2 + 2 * k] = type(field);
      data[3 + 2 * k] = extractor(field);
    }
    byte[] template = Template.BYTES;
    if (template == null) {
      return Optional.empty();
    }
    try {
      MethodHandles.Lookup lookup = MethodHandles.lookup().defineHiddenClassWithClassData(template, data, true);
      return Optional.of((Reader) lookup.findConstructor(lookup.lookupClass(), MethodType.methodType(void.class))
          .invoke());
    } catch (LinkageError e) {
      return Optional.empty(); // bytes the runtime refuses, or class data it did not pass
    } catch (Error e) {
      throw e; // out of memory, say: not a reason to read more slowly, and not ours to hide
    } catch (Throwable e) {
      return Optional.empty(); // a runtime that forbids defining hidden classes
    }
  }

  /**
   * Roles a fused read can play: no decimal among the fields; the instant an instant field and the
   * dimension a dimension; each mask of a kind that exists, with a whole-number or instant field
   * on each side of a comparison or a yes/no field for a flag, and no field for none; the sum's
   * and the quantile's fields whole numbers or instants, or none (-1), the quantile's right one
   * only with a left one.
   */
  private static void checkRoles(List<? extends Field<?>> fields, int[] roles) {
    if (roles.length != ROLES) {
      throw new IllegalArgumentException("a fused reader has " + ROLES + " roles, not " + roles.length);
    }
    for (Field<?> field : fields) {
      if (field.type() == FieldType.DOUBLE) {
        throw new IllegalArgumentException("field '" + field.name() + "': a fused read counts no decimal");
      }
    }
    role(fields, roles, TIME, false, FieldType.INSTANT);
    role(fields, roles, CODE, false, FieldType.DIMENSION);
    for (int kind : new int[] {KIND0, KIND1}) {
      int k = roles[kind];
      if (k == FusedDayKernel.COMPARE) {
        role(fields, roles, kind + 1, false, FieldType.LONG, FieldType.INSTANT);
        role(fields, roles, kind + 2, false, FieldType.LONG, FieldType.INSTANT);
      } else if (k == FusedDayKernel.FLAG) {
        role(fields, roles, kind + 1, false, FieldType.BOOLEAN);
        role(fields, roles, kind + 2, true);
      } else if (k == FusedDayKernel.NONE) {
        role(fields, roles, kind + 1, true);
        role(fields, roles, kind + 2, true);
      } else {
        throw new IllegalArgumentException("role " + kind + ": " + k + " is not a mask's kind");
      }
    }
    role(fields, roles, SUM, true, FieldType.LONG, FieldType.INSTANT);
    role(fields, roles, QUANTILE_LEFT, true, FieldType.LONG, FieldType.INSTANT);
    role(fields, roles, QUANTILE_RIGHT, true, FieldType.LONG, FieldType.INSTANT);
    if (roles[QUANTILE_LEFT] < 0 && roles[QUANTILE_RIGHT] >= 0) {
      throw new IllegalArgumentException("role " + QUANTILE_RIGHT + ": a quantile's right field without a left one");
    }
  }

  /** Checks that {@code role} is -1 (if {@code optional}) or the lane of a field of one of {@code types}. */
  private static void role(List<? extends Field<?>> fields, int[] roles, int role, boolean optional,
      FieldType... types) {
    int lane = roles[role];
    if (lane == -1 && optional) {
      return;
    }
    if (lane < 0 || lane >= fields.size() || !Arrays.asList(types).contains(fields.get(lane).type())) {
      throw new IllegalArgumentException("role " + role + ": " + lane + " is not "
          + (optional ? "-1 nor " : "") + "the lane of a field of type " + Arrays.toString(types) + " among "
          + fields.size());
    }
  }

  private static int type(Field<?> field) {
    switch (field.type()) {
      case LONG:
        return LONG;
      case DOUBLE:
        return DOUBLE;
      case BOOLEAN:
        return BOOLEAN;
      case DIMENSION:
        return DIMENSION;
      case INSTANT:
        return INSTANT;
      default:
        throw new IllegalArgumentException("field '" + field.name() + "': no reader for " + field.type());
    }
  }

  private static Object extractor(Field<?> field) {
    if (field instanceof Schema.LongField<?> f) {
      return f.extractor;
    } else if (field instanceof Schema.DoubleField<?> f) {
      return f.extractor;
    } else if (field instanceof Schema.BooleanField<?> f) {
      return f.extractor;
    } else if (field instanceof Schema.DimensionField<?> f) {
      return f.extractor;
    } else if (field instanceof Schema.InstantField<?> f) {
      return f.extractor;
    }
    throw new IllegalArgumentException("field '" + field.name() + "': not a field of a schema");
  }
}
