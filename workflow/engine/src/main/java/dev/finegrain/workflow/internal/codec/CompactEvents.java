package dev.finegrain.workflow.internal.codec;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableMap;
import dev.finegrain.core.Severity;
import dev.finegrain.core.standard.Artifact;
import dev.finegrain.core.standard.Violation;
import dev.finegrain.workflow.event.CaseSubmitted;
import dev.finegrain.workflow.event.Resubmitted;
import dev.finegrain.workflow.event.ReviewEvent;
import dev.finegrain.workflow.store.Hash;
import dev.finegrain.workflow.store.RecordedEvent;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The in-memory store's compact form of recorded events: one record per event in a byte array per
 * case, instead of a {@link RecordedEvent}, its event, and the event's strings and instants as
 * separate objects. The store keeps every event of every case, and what it keeps is what young
 * collections copy: one array is copied in one go, a graph of small objects one object at a time.
 * Reading an event decodes it into a new, equal {@link RecordedEvent}. The layout is specified in
 * {@code docs/formats/compact-records.md}; records live only in memory, so it may change between
 * releases.
 *
 * <p>A record is a flag byte; unless {@link #RAW}, the event's hash (32 bytes); unless
 * {@link #SAME_COMMAND}, its command id; then, for {@link #COMPACT}, the type code of the event's
 * {@link EventCodec}, the instant (epoch second, nano) unless {@link #SAME_AT}, the actor unless
 * {@link #SYSTEM_ACTOR} or {@link #SAME_ACTOR}, and the event's own fields as its codec writes them
 * (strings as a length then UTF-8, enums by ordinal, ints as 4 bytes, optionals as 0, or 1 then the
 * value). Left out because the store knows them: the case id (the log's), the sequence number
 * (position + 1), and the previous hash: a record other than {@code RAW} links to the hash of the
 * event before it (or the genesis hash). The "same" flags refer to the record just before, which is
 * then of the same batch and {@code COMPACT} (or, for the command id, not {@code RAW}). Kinds:
 * <ul>
 *   <li>{@link #COMPACT}: the event is in the record;
 *   <li>{@link #OBJECT}: the event is kept as it is, beside the bytes (events with a subject, which
 *       an open case's state shares anyway); when the case closes, such an event whose subject
 *       holds only plain values is written into its record ({@link Batch#addClosing});
 *   <li>{@link #RAW}: the recorded event is kept as it is, because it does not link to the event
 *       before it (a store keeps what it is handed, as given).
 * </ul>
 */
public final class CompactEvents {
  public static final int COMPACT = 0;
  public static final int OBJECT = 1;
  public static final int RAW = 2;
  public static final int KIND = 3;
  public static final int SAME_COMMAND = 1 << 2;
  public static final int SAME_AT = 1 << 3;
  public static final int SYSTEM_ACTOR = 1 << 4;
  public static final int SAME_ACTOR = 1 << 5;
  /** Bytes of a record's flag and hash. */
  static final int HEADER = 33;

  /** Public so that a test can see what a thread's batch holds between commands. */
  public static final ThreadLocal<Batch> STAGING = ThreadLocal.withInitial(Batch::new);
  private static final ThreadLocal<Batch> CLOSING = ThreadLocal.withInitial(Batch::new);

  private CompactEvents() {}

  /** The calling thread's staging batch, emptied, for events whose first links to {@code previous}. */
  public static Batch staging(Hash previous) {
    Batch batch = STAGING.get();
    batch.reset(previous);
    return batch;
  }

  /**
   * The calling thread's staging batch holding {@code events}, to append after a log whose head
   * hash is {@code head}: an event that links to the one before it gets a record; any other is
   * kept as given. Call {@link Batch#release} when done.
   */
  public static Batch stage(List<RecordedEvent> events, Hash head) {
    Batch batch = staging(head);
    Hash previous = head;
    for (int i = 0; i < events.size(); i++) {
      RecordedEvent event = events.get(i);
      batch.add(event, event.previousHash().equals(previous));
      previous = event.hash();
    }
    return batch;
  }

  /** Records being staged for one append; a thread reuses one ({@link #staging}). */
  public static final class Batch implements FieldWriter {
    byte[] bytes = new byte[1024];
    int length;
    int[] starts = new int[8];
    Object[] objects = new Object[8];
    boolean hasObjects;
    int size;
    /** The hash the first event links to. */
    Hash previous;
    private int lastFlag;
    private String lastCommand;
    private Instant lastAt;
    private String lastActor;
    /** Set when an artifact with a value records cannot keep exactly was written: the record is undone. */
    private boolean notPlain;

    /** Larger than this, a batch's byte array is dropped after use rather than kept for the next. */
    private static final int KEEP_BYTES = 1 << 16;

    /** The records' bytes (the first {@link #length()} are in use). */
    public byte[] bytes() {
      return bytes;
    }

    /** Where each record starts in {@link #bytes()} (the first {@link #size()} are in use). */
    public int[] starts() {
      return starts;
    }

    /** The number of records. */
    public int size() {
      return size;
    }

    /** The bytes of the records. */
    public int length() {
      return length;
    }

    /** Whether any record keeps an object beside its bytes. */
    public boolean hasObjects() {
      return hasObjects;
    }

    /** The objects beside the records, one per record (null where a record has none); may be longer. */
    public Object[] objects() {
      return objects;
    }

    /** The hash the first event links to. */
    public Hash previous() {
      return previous;
    }

    /**
     * Forgets the events and hash this batch refers to, and an oversized byte array, so that a
     * thread's batch holds nothing of a command once it is done.
     */
    public void release() {
      reset(null);
      if (bytes.length > KEEP_BYTES) {
        bytes = new byte[1024];
      }
    }

    void reset(Hash previous) {
      if (hasObjects) {
        Arrays.fill(objects, 0, size, null);
      }
      length = 0;
      size = 0;
      hasObjects = false;
      this.previous = previous;
      lastCommand = null;
      lastAt = null;
      lastActor = null;
    }

    /**
     * Adds {@code recorded}; {@code linked} if its previous hash is the hash of the event added
     * before it (for the first, of {@link #previous}).
     */
    public void add(RecordedEvent recorded, boolean linked) {
      if (!linked) {
        addRaw(recorded);
        return;
      }
      ReviewEvent event = recorded.event();
      EventCodec<?> codec = EventCodecs.of(event);
      int flag = codec.holdsSubject() ? OBJECT : COMPACT;
      boolean afterCompact = size > 0 && (lastFlag & KIND) == COMPACT;
      String command = recorded.commandId();
      int at = begin();
      ensure(HEADER);
      length += HEADER;
      recorded.hash().writeTo(bytes, at + 1);
      if (size > 0 && (lastFlag & KIND) != RAW && (command == lastCommand || command.equals(lastCommand))) {
        flag |= SAME_COMMAND;
      } else {
        putString(command);
      }
      if ((flag & KIND) == OBJECT) {
        objects[size] = event;
        hasObjects = true;
      } else {
        putByte(codec.code());
        Instant instant = event.at();
        if (afterCompact && instant.equals(lastAt)) {
          flag |= SAME_AT;
        } else {
          putLong(instant.getEpochSecond());
          putInt(instant.getNano());
        }
        String actor = event.actor();
        if (actor.equals(ReviewEvent.SYSTEM)) {
          flag |= SYSTEM_ACTOR;
        } else if (afterCompact && actor.equals(lastActor)) {
          flag |= SAME_ACTOR;
        } else {
          putString(actor);
        }
        codec.writeAny(event, this);
        lastAt = instant;
        lastActor = actor;
      }
      bytes[at] = (byte) flag;
      lastFlag = flag;
      lastCommand = command;
      size++;
    }

    /**
     * Adds records {@code [0, size)} of {@code data}, which end at {@code end}, for a case that
     * closed: an event kept as an object whose subject holds only plain values is written into its
     * record (while a case is open its state shares the subject; once closed, the record is all the
     * store keeps of it); the others are copied as they are.
     */
    public void addClosing(byte[] data, int[] starts, Object[] objects, int size, int end) {
      for (int i = 0; i < size; i++) {
        int from = starts[i];
        int to = i + 1 < size ? starts[i + 1] : end;
        Object object = objects != null && i < objects.length ? objects[i] : null;
        if (!(object instanceof ReviewEvent event && (data[from] & KIND) == OBJECT && compactRecord(data, from,
            event))) {
          copyRecord(data, from, to, object);
        }
      }
    }

    /** Adds the record {@code data[from, to)} as it is, with its object if it has one. */
    private void copyRecord(byte[] data, int from, int to, Object object) {
      int at = begin();
      ensure(to - from);
      System.arraycopy(data, from, bytes, at, to - from);
      length = at + to - from;
      if (object != null) {
        objects[size] = object;
        hasObjects = true;
      }
      lastFlag = data[from];
      size++;
    }

    /**
     * Adds the OBJECT record at {@code data[from]} of {@code event} as a COMPACT record; false, with
     * nothing added, if its subject holds a value a record cannot keep exactly.
     */
    private boolean compactRecord(byte[] data, int from, ReviewEvent event) {
      int flag = COMPACT | (data[from] & SAME_COMMAND);
      int at = begin();
      ensure(HEADER);
      System.arraycopy(data, from + 1, bytes, at + 1, HEADER - 1);
      length = at + HEADER;
      if ((flag & SAME_COMMAND) == 0) {
        int command = from + HEADER;
        int commandEnd = skipString(data, command);
        ensure(commandEnd - command);
        System.arraycopy(data, command, bytes, length, commandEnd - command);
        length += commandEnd - command;
      }
      EventCodec<?> codec = EventCodecs.of(event);
      putByte(codec.code());
      putLong(event.at().getEpochSecond());
      putInt(event.at().getNano());
      putString(event.actor());
      notPlain = false;
      codec.writeAny(event, this);
      if (notPlain) {
        length = at;
        return false;
      }
      bytes[at] = (byte) flag;
      lastFlag = flag;
      size++;
      return true;
    }

    private void addRaw(RecordedEvent event) {
      int at = begin();
      putByte(RAW);
      bytes[at] = RAW;
      objects[size] = event;
      hasObjects = true;
      lastFlag = RAW;
      size++;
    }

    // --- fields, as a codec writes them -------------------------------------------------------

    @Override
    public void string(String value) {
      putString(value);
    }

    @Override
    public void optional(Optional<String> value) {
      putOptional(value);
    }

    @Override
    public void int32(int value) {
      putInt(value);
    }

    @Override
    public void trailingHash(Optional<Hash> value) {
      if (value.isPresent()) {
        putByte(1);
        ensure(32);
        value.get().writeTo(bytes, length);
        length += 32;
      } else {
        putByte(0);
      }
    }

    @Override
    public void instant(Instant value) {
      putLong(value.getEpochSecond());
      putInt(value.getNano());
    }

    @Override
    public void enumValue(Enum<?> value) {
      putByte(value.ordinal());
    }

    @Override
    public void artifact(Artifact value) {
      if (!plain(value.fields())) {
        notPlain = true;
        return;
      }
      putString(value.kind());
      putValue(value.fields());
    }

    @Override
    public void strings(List<String> values) {
      putInt(values.size());
      for (String value : values) {
        putString(value);
      }
    }

    @Override
    public void violations(List<Violation> values) {
      putInt(values.size());
      for (Violation v : values) {
        putString(v.ruleId());
        putByte(v.severity().ordinal());
        putString(v.path());
        putString(v.message());
        putOptional(v.value());
      }
    }

    /** A plain value ({@link #plain}): a tag, then the value. */
    private void putValue(Object value) {
      if (value instanceof String text) {
        putByte('S');
        putString(text);
      } else if (value instanceof Long number) {
        putByte('L');
        putLong(number);
      } else if (value instanceof Double number) {
        putByte('D');
        putLong(Double.doubleToRawLongBits(number));
      } else if (value instanceof Boolean flag) {
        putByte(flag ? 'T' : 'F');
      } else if (value instanceof Instant instant) {
        putByte('I');
        putLong(instant.getEpochSecond());
        putInt(instant.getNano());
      } else if (value instanceof List<?> list) {
        putByte('[');
        putInt(list.size());
        for (Object item : list) {
          putValue(item);
        }
      } else {
        Map<?, ?> map = (Map<?, ?>) value;
        putByte('{');
        putInt(map.size());
        for (Map.Entry<?, ?> entry : map.entrySet()) {
          putString((String) entry.getKey());
          putValue(entry.getValue());
        }
      }
    }

    private int begin() {
      if (size == starts.length) {
        starts = Arrays.copyOf(starts, 2 * size);
        objects = Arrays.copyOf(objects, 2 * size);
      }
      starts[size] = length;
      return length;
    }

    private void ensure(int more) {
      if (length + more > bytes.length) {
        bytes = Arrays.copyOf(bytes, Math.max(2 * bytes.length, length + more));
      }
    }

    private void putByte(int b) {
      ensure(1);
      bytes[length++] = (byte) b;
    }

    private void putInt(int v) {
      ensure(4);
      writeInt(bytes, length, v);
      length += 4;
    }

    private void putLong(long v) {
      ensure(8);
      writeLong(bytes, length, v);
      length += 8;
    }

    private void putOptional(Optional<String> value) {
      if (value.isPresent()) {
        putByte(1);
        putString(value.get());
      } else {
        putByte(0);
      }
    }

    /**
     * A length (one byte below 255, else 255 then an int), then UTF-8; text that UTF-8 cannot carry
     * (a lone surrogate) goes in {@link #putUtf16 its own form}.
     */
    private void putString(String s) {
      int n = s.length();
      ensure(5 + n);
      int lengthAt = length;
      int start = lengthAt + (n < 255 ? 1 : 5);
      for (int i = 0; i < n; i++) {
        char c = s.charAt(i);
        if (c >= 0x80) {  // not ASCII: write it as UTF-8
          if (!wellFormed(s)) {
            putUtf16(s);
            return;
          }
          byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
          putLength(utf8.length);
          ensure(utf8.length);
          System.arraycopy(utf8, 0, bytes, length, utf8.length);
          length += utf8.length;
          return;
        }
        bytes[start + i] = (byte) c;
      }
      putLength(n);
      length = start + n;
    }

    /**
     * Text that is not well-formed UTF-16, which UTF-8 would turn into '?': 255, then -1 less the
     * number of chars (a negative int, where a UTF-8 length is never negative), then each char in
     * two bytes, high byte first.
     */
    private void putUtf16(String s) {
      int n = s.length();
      ensure(5 + 2 * n);
      bytes[length++] = (byte) 255;
      writeInt(bytes, length, -1 - n);
      length += 4;
      for (int i = 0; i < n; i++) {
        char c = s.charAt(i);
        bytes[length++] = (byte) (c >>> 8);
        bytes[length++] = (byte) c;
      }
    }

    private void putLength(int n) {
      if (n < 255) {
        bytes[length++] = (byte) n;
      } else {
        bytes[length++] = (byte) 255;
        writeInt(bytes, length, n);
        length += 4;
      }
    }
  }

  /**
   * Whether records {@code [0, size)} of {@code data} (record {@code i} at {@code starts[i]}, its
   * object at {@code objects[i]}, which may end early) hold an event as an object that
   * {@link Batch#addClosing} would write into its record: one whose subject holds only plain values.
   */
  public static boolean hasObjectToCompact(byte[] data, int[] starts, Object[] objects, int size) {
    if (objects == null) {
      return false;
    }
    for (int i = 0; i < size && i < objects.length; i++) {
      if (objects[i] instanceof ReviewEvent event && (data[starts[i]] & KIND) == OBJECT && plainSubject(event)) {
        return true;
      }
    }
    return false;
  }

  private static boolean plainSubject(ReviewEvent event) {
    if (event instanceof CaseSubmitted submitted) {
      return plain(submitted.subject().fields());
    }
    return event instanceof Resubmitted resubmitted && plain(resubmitted.subject().fields());
  }

  /** The calling thread's batch for rewriting a closed case's records ({@link Batch#addClosing}), emptied. */
  public static Batch closing() {
    Batch batch = CLOSING.get();
    batch.reset(null);
    return batch;
  }

  /** Whether {@code value} is made of the values an artifact normalises to, which records keep exactly. */
  private static boolean plain(Object value) {
    if (value instanceof String || value instanceof Long || value instanceof Double || value instanceof Boolean
        || value instanceof Instant) {
      return true;
    }
    if (value instanceof List<?> list) {
      for (Object item : list) {
        if (!plain(item)) {
          return false;
        }
      }
      return true;
    }
    if (value instanceof Map<?, ?> map) {
      for (Map.Entry<?, ?> entry : map.entrySet()) {
        if (!(entry.getKey() instanceof String) || !plain(entry.getValue())) {
          return false;
        }
      }
      return true;
    }
    return false;
  }

  // --- reading records: data and starts as a log holds them --------------------------------------

  /** The hash of the record at {@code at} (not RAW). */
  public static Hash hashAt(byte[] data, int at) {
    return Hash.fromBytes(data, at + 1);
  }

  /** Whether the record at {@code at} (not RAW) has the hash {@code hash}. */
  public static boolean hashIs(byte[] data, int at, Hash hash) {
    return hash.equalsBytes(data, at + 1);
  }

  /** Where the record at {@code at} (not RAW) has its command id, or -1 if it has the one before's. */
  public static int commandIdAt(byte[] data, int at) {
    return (data[at] & SAME_COMMAND) != 0 ? -1 : at + HEADER;
  }

  /** Whether the string at {@code at} is {@code s}. */
  public static boolean sameString(byte[] data, int at, String s) {
    if (isUtf16(data, at)) {
      return string(data, at).equals(s);
    }
    int n = stringLength(data, at);
    int from = at + headerOf(data, at);
    int chars = s.length();
    if (n != chars) {
      return n > chars && !isAscii(s) && string(data, at).equals(s);
    }
    for (int i = 0; i < chars; i++) {
      char c = s.charAt(i);
      if (c >= 0x80) {
        return string(data, at).equals(s);
      }
      if (data[from + i] != (byte) c) {
        return false;
      }
    }
    return true;
  }

  private static boolean isAscii(String s) {
    for (int i = 0; i < s.length(); i++) {
      if (s.charAt(i) >= 0x80) {
        return false;
      }
    }
    return true;
  }

  public static String string(byte[] data, int at) {
    int from = at + headerOf(data, at);
    if (isUtf16(data, at)) {
      char[] chars = new char[-1 - readInt(data, at + 1)];
      for (int i = 0; i < chars.length; i++) {
        chars[i] = (char) ((data[from + 2 * i] & 0xff) << 8 | (data[from + 2 * i + 1] & 0xff));
      }
      return new String(chars);
    }
    return new String(data, from, stringLength(data, at), StandardCharsets.UTF_8);
  }

  /** Whether text is well-formed UTF-16: every surrogate in a high-low pair. */
  static boolean wellFormed(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
        i++;
      } else if (Character.isSurrogate(c)) {
        return false;
      }
    }
    return true;
  }

  /** Bytes before the text of the string at {@code at}: its length's. */
  private static int headerOf(byte[] data, int at) {
    return (data[at] & 0xff) < 255 ? 1 : 5;
  }

  /** Whether the string at {@code at} is in the form for text UTF-8 cannot carry (see putUtf16). */
  private static boolean isUtf16(byte[] data, int at) {
    return (data[at] & 0xff) == 255 && readInt(data, at + 1) < 0;
  }

  /** Bytes of the text of the string at {@code at}. */
  private static int stringLength(byte[] data, int at) {
    int n = data[at] & 0xff;
    if (n < 255) {
      return n;
    }
    int m = readInt(data, at + 1);
    return m >= 0 ? m : 2 * (-1 - m);
  }

  private static int skipString(byte[] data, int at) {
    return at + headerOf(data, at) + stringLength(data, at);
  }

  /** Where the type code of the COMPACT record at {@code at} is. */
  private static int typeAt(byte[] data, int at) {
    int p = at + HEADER;
    return (data[at] & SAME_COMMAND) != 0 ? p : skipString(data, p);
  }

  private static Instant instantOf(byte[] data, int[] starts, int index) {
    int i = index;
    while ((data[starts[i]] & SAME_AT) != 0) {
      i--;
    }
    int p = typeAt(data, starts[i]) + 1;
    return Instant.ofEpochSecond(readLong(data, p), readInt(data, p + 8));
  }

  private static String actorOf(byte[] data, int[] starts, int index) {
    int i = index;
    while ((data[starts[i]] & SAME_ACTOR) != 0) {
      i--;
    }
    int at = starts[i];
    if ((data[at] & SYSTEM_ACTOR) != 0) {
      return ReviewEvent.SYSTEM;
    }
    return string(data, typeAt(data, at) + 1 + ((data[at] & SAME_AT) != 0 ? 0 : 12));
  }

  /** The event of the COMPACT record {@code index}, of case {@code caseId}. */
  public static ReviewEvent decode(byte[] data, int[] starts, int index, String caseId) {
    int at = starts[index];
    int flag = data[at];
    int p = typeAt(data, at);
    int type = data[p++];
    Instant instant = instantOf(data, starts, index);
    if ((flag & SAME_AT) == 0) {
      p += 12;
    }
    String actor = actorOf(data, starts, index);
    if ((flag & (SAME_ACTOR | SYSTEM_ACTOR)) == 0) {
      p = skipString(data, p);
    }
    EventCodec<?> codec = EventCodecs.byCode(type);
    if (codec == null) {
      throw new IllegalStateException("no event type with code " + type);
    }
    return codec.read(new EventHeader(caseId, index + 1, instant, actor), new Reader(data, p));
  }

  /** Reads a record's fields in the order its codec wrote them. */
  private static final class Reader implements FieldReader {
    private static final Severity[] SEVERITIES = Severity.values();
    private final byte[] data;
    private int at;

    Reader(byte[] data, int at) {
      this.data = data;
      this.at = at;
    }

    @Override
    public String string() {
      String s = CompactEvents.string(data, at);
      at = skipString(data, at);
      return s;
    }

    @Override
    public Optional<String> optional() {
      return data[at++] == 0 ? Optional.empty() : Optional.of(string());
    }

    @Override
    public Optional<Hash> trailingHash() {
      if (data[at++] == 0) {
        return Optional.empty();
      }
      Hash hash = Hash.fromBytes(data, at);
      at += 32;
      return Optional.of(hash);
    }

    @Override
    public int int32() {
      int v = readInt(data, at);
      at += 4;
      return v;
    }

    @Override
    public Instant instant() {
      long seconds = CompactEvents.readLong(data, at);
      int nanos = readInt(data, at + 8);
      at += 12;
      return Instant.ofEpochSecond(seconds, nanos);
    }

    @Override
    public <T extends Enum<T>> T enumValue(T[] values) {
      return values[data[at++]];
    }

    @Override
    public Artifact artifact() {
      String kind = string();
      @SuppressWarnings("unchecked")
      Map<String, ?> fields = (Map<String, ?>) value();
      return Artifact.of(kind, fields);
    }

    @Override
    public List<String> strings() {
      int n = int32();
      List<String> out = new ArrayList<>(n);
      for (int i = 0; i < n; i++) {
        out.add(string());
      }
      return out;
    }

    @Override
    public List<Violation> violations() {
      int n = int32();
      List<Violation> out = new ArrayList<>(n);
      for (int i = 0; i < n; i++) {
        out.add(Violation.builder().ruleId(string()).severity(SEVERITIES[data[at++]]).path(string())
            .message(string()).value(optional()).build());
      }
      return out;
    }

    private Object value() {
      int tag = data[at++];
      switch (tag) {
        case 'S':
          return string();
        case 'L':
          return readLong();
        case 'D':
          return Double.longBitsToDouble(readLong());
        case 'T':
          return Boolean.TRUE;
        case 'F':
          return Boolean.FALSE;
        case 'I':
          return instant();
        case '[': {
          int n = int32();
          ImmutableList.Builder<Object> items = ImmutableList.builderWithExpectedSize(n);
          for (int i = 0; i < n; i++) {
            items.add(value());
          }
          return items.build();
        }
        case '{': {
          int n = int32();
          ImmutableMap.Builder<String, Object> entries = ImmutableMap.builderWithExpectedSize(n);
          for (int i = 0; i < n; i++) {
            String key = string();
            entries.put(key, value());
          }
          return entries.buildOrThrow();
        }
        default:
          throw new IllegalStateException("no value tag " + tag);
      }
    }

    private long readLong() {
      long v = CompactEvents.readLong(data, at);
      at += 8;
      return v;
    }
  }

  // --- big-endian primitives --------------------------------------------------------------------

  static int readInt(byte[] b, int at) {
    return (b[at] & 0xff) << 24 | (b[at + 1] & 0xff) << 16 | (b[at + 2] & 0xff) << 8 | (b[at + 3] & 0xff);
  }

  static long readLong(byte[] b, int at) {
    return (long) readInt(b, at) << 32 | (readInt(b, at + 4) & 0xffffffffL);
  }

  static void writeInt(byte[] b, int at, int v) {
    b[at] = (byte) (v >>> 24);
    b[at + 1] = (byte) (v >>> 16);
    b[at + 2] = (byte) (v >>> 8);
    b[at + 3] = (byte) v;
  }

  static void writeLong(byte[] b, int at, long v) {
    writeInt(b, at, (int) (v >>> 32));
    writeInt(b, at + 4, (int) v);
  }
}
