package dev.finegrain.workflow;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableMap;
import dev.finegrain.core.standard.Artifact;
import dev.finegrain.workflow.event.CaseClosed;
import dev.finegrain.workflow.event.CaseSubmitted;
import dev.finegrain.workflow.event.ChangesRequested;
import dev.finegrain.workflow.event.Commented;
import dev.finegrain.workflow.event.Delegated;
import dev.finegrain.workflow.event.Escalated;
import dev.finegrain.workflow.event.Outcome;
import dev.finegrain.workflow.event.Reassigned;
import dev.finegrain.workflow.event.ReviewEvent;
import dev.finegrain.workflow.event.StageApproved;
import dev.finegrain.workflow.event.StageOpened;
import dev.finegrain.workflow.event.StageRejected;
import dev.finegrain.workflow.event.StageSkipped;
import dev.finegrain.workflow.event.VoteCast;
import dev.finegrain.workflow.event.VoteKind;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The {@link InMemoryEventStore}'s compact form of recorded events: one record per event in a byte
 * array per case, instead of a {@link RecordedEvent}, its event, and the event's strings and
 * instants as separate objects. The store keeps every event of every case, and what it keeps is
 * what young collections copy: one array is copied in one go, a graph of small objects one object
 * at a time. Reading an event decodes it into a new, equal {@link RecordedEvent}.
 *
 * <p>A record is a flag byte; unless {@link #RAW}, the event's hash (32 bytes, big-endian words);
 * unless {@link #SAME_COMMAND}, its command id; then, for {@link #COMPACT}, a type code, the instant
 * (epoch second, nano) unless {@link #SAME_AT}, the actor unless {@link #SYSTEM_ACTOR} or
 * {@link #SAME_ACTOR}, and the type's own fields (strings as a length then UTF-8, enums by ordinal,
 * ints as 4 bytes, optionals as 0, or 1 then the value). Left out because the store knows them: the
 * case id (the log's) and the sequence number (position + 1), and the previous hash: a record other
 * than {@code RAW} links to the hash of the event before it (or {@link HashChain#GENESIS}). The
 * "same" flags refer to the record just before, which is then of the same batch and
 * {@code COMPACT} (or, for the command id, not {@code RAW}). Kinds:
 * <ul>
 *   <li>{@link #COMPACT}: the event is in the record;
 *   <li>{@link #OBJECT}: the event is kept as it is, beside the bytes (events with a subject or
 *       violations, which an open case's state shares anyway); when the case closes, a
 *       case-submitted event whose subject holds only plain values is written into its record
 *       ({@link Batch#addClosing}), the subject's fields in their order with their kinds;
 *   <li>{@link #RAW}: the recorded event is kept as it is, because a hash is not canonical or it
 *       does not link to the event before it (a store keeps what it is handed, as given).
 * </ul>
 * Records live only in memory, so enum ordinals and type codes are this class's own.
 */
final class CompactEvents {
  static final int COMPACT = 0;
  static final int OBJECT = 1;
  static final int RAW = 2;
  static final int KIND = 3;
  static final int SAME_COMMAND = 1 << 2;
  static final int SAME_AT = 1 << 3;
  static final int SYSTEM_ACTOR = 1 << 4;
  static final int SAME_ACTOR = 1 << 5;
  /** Bytes of a record's flag and hash. */
  static final int HEADER = 33;

  private static final int VOTE_CAST = 0;
  private static final int STAGE_OPENED = 1;
  private static final int STAGE_APPROVED = 2;
  private static final int CASE_CLOSED = 3;
  private static final int STAGE_SKIPPED = 4;
  private static final int STAGE_REJECTED = 5;
  private static final int CHANGES_REQUESTED = 6;
  private static final int COMMENTED = 7;
  private static final int DELEGATED = 8;
  private static final int REASSIGNED = 9;
  private static final int ESCALATED = 10;
  private static final int CASE_SUBMITTED = 11;
  private static final VoteKind[] VOTE_KINDS = VoteKind.values();
  private static final Outcome[] OUTCOMES = Outcome.values();

  /** Package-private so that a test can see what a thread's batch holds between commands. */
  static final ThreadLocal<Batch> STAGING = ThreadLocal.withInitial(Batch::new);
  private static final ThreadLocal<Batch> CLOSING = ThreadLocal.withInitial(Batch::new);

  private CompactEvents() {}

  /** The calling thread's staging batch, emptied, for events whose first links to {@code previous}. */
  static Batch staging(Object previous) {
    Batch batch = STAGING.get();
    batch.reset(previous);
    return batch;
  }

  /**
   * A new batch of {@code events}, to append after a log whose head hash (compact form) is
   * {@code head}: an event whose hashes are canonical and that links to the one before it gets a
   * record; any other is kept as given.
   */
  static Batch stage(List<RecordedEvent> events, Object head) {
    Batch batch = new Batch();
    batch.reset(head);
    Object previous = head;
    for (int i = 0; i < events.size(); i++) {
      RecordedEvent event = events.get(i);
      batch.add(event, RecordedEvent.Hashes.same(event.rawPreviousHash(), previous));
      previous = event.rawHash();
    }
    return batch;
  }

  /** Records being staged for one append; the engine reuses one per thread ({@link #staging}). */
  static final class Batch {
    byte[] bytes = new byte[1024];
    int length;
    int[] starts = new int[8];
    Object[] objects = new Object[8];
    boolean hasObjects;
    int size;
    /** The hash (compact form) the first event links to. */
    Object previous;
    private int lastFlag;
    private String lastCommand;
    private Instant lastAt;
    private String lastActor;

    /** Larger than this, a batch's byte array is dropped after use rather than kept for the next. */
    private static final int KEEP_BYTES = 1 << 16;

    /**
     * Forgets the events and hash this batch refers to, and an oversized byte array, so that a
     * thread's batch holds nothing of a command once it is done.
     */
    void release() {
      reset(null);
      if (bytes.length > KEEP_BYTES) {
        bytes = new byte[1024];
      }
    }

    void reset(Object previous) {
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
    void add(RecordedEvent recorded, boolean linked) {
      Object own = recorded.rawHash();
      if (!linked || !RecordedEvent.Hashes.canonical(own)
          || !RecordedEvent.Hashes.canonical(recorded.rawPreviousHash())) {
        addRaw(recorded);
        return;
      }
      ReviewEvent event = recorded.event();
      int type = typeOf(event);
      int flag = type < 0 ? OBJECT : COMPACT;
      boolean afterCompact = size > 0 && (lastFlag & KIND) == COMPACT;
      String command = recorded.commandId();
      int at = begin();
      ensure(HEADER);
      length += HEADER;
      for (int w = 0; w < 4; w++) {
        writeLong(bytes, at + 1 + 8 * w, RecordedEvent.Hashes.word(own, w));
      }
      if (size > 0 && (lastFlag & KIND) != RAW && (command == lastCommand || command.equals(lastCommand))) {
        flag |= SAME_COMMAND;
      } else {
        putString(command);
      }
      if (type < 0) {
        objects[size] = event;
        hasObjects = true;
      } else {
        putByte(type);
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
        putFields(type, event);
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
     * closed: a case-submitted event kept as an object whose subject holds only plain values is
     * written into its record (while a case is open its state shares the subject; once closed, the
     * record is all the store keeps of it); the others are copied as they are.
     */
    void addClosing(byte[] data, int[] starts, Object[] objects, int size, int end) {
      for (int i = 0; i < size; i++) {
        int from = starts[i];
        int to = i + 1 < size ? starts[i + 1] : end;
        Object object = objects != null && i < objects.length ? objects[i] : null;
        if (object instanceof CaseSubmitted submitted && (data[from] & KIND) == OBJECT
            && plain(submitted.subject().fields())) {
          submittedRecord(data, from, submitted);
        } else {
          copyRecord(data, from, to, object);
        }
      }
    }

    /** Adds the record {@code data[from, to)} as it is, with its object if it has one. */
    void copyRecord(byte[] data, int from, int to, Object object) {
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

    /** Adds the OBJECT record at {@code data[from]} of {@code event} as a COMPACT record. */
    void submittedRecord(byte[] data, int from, CaseSubmitted event) {
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
      putByte(CASE_SUBMITTED);
      putLong(event.at().getEpochSecond());
      putInt(event.at().getNano());
      putString(event.actor());
      putString(event.workflowId());
      putInt(event.workflowVersion());
      putString(event.subject().kind());
      putValue(event.subject().fields());
      putString(event.editor());
      bytes[at] = (byte) flag;
      lastFlag = flag;
      size++;
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

    void addRaw(RecordedEvent event) {
      int at = begin();
      putByte(RAW);
      bytes[at] = RAW;
      objects[size] = event;
      hasObjects = true;
      lastFlag = RAW;
      size++;
    }

    private void putFields(int type, ReviewEvent event) {
      switch (type) {
        case VOTE_CAST -> {
          VoteCast e = (VoteCast) event;
          putString(e.stageId());
          putByte(e.vote().ordinal());
          putOptional(e.onBehalfOf());
          putOptional(e.note());
        }
        case STAGE_OPENED -> {
          StageOpened e = (StageOpened) event;
          putString(e.stageId());
          putInt(e.phase());
        }
        case STAGE_APPROVED -> putString(((StageApproved) event).stageId());
        case CASE_CLOSED -> {
          CaseClosed e = (CaseClosed) event;
          putByte(e.outcome().ordinal());
          putString(e.reason());
        }
        case STAGE_SKIPPED -> {
          StageSkipped e = (StageSkipped) event;
          putString(e.stageId());
          putInt(e.phase());
          putString(e.reason());
        }
        case STAGE_REJECTED -> putString(((StageRejected) event).stageId());
        case CHANGES_REQUESTED -> {
          ChangesRequested e = (ChangesRequested) event;
          putString(e.stageId());
          putString(e.reason());
        }
        case COMMENTED -> putString(((Commented) event).text());
        case DELEGATED -> {
          Delegated e = (Delegated) event;
          putString(e.from());
          putString(e.to());
          putLong(e.validFrom().getEpochSecond());
          putInt(e.validFrom().getNano());
          putLong(e.validUntil().getEpochSecond());
          putInt(e.validUntil().getNano());
        }
        case REASSIGNED -> {
          Reassigned e = (Reassigned) event;
          putString(e.stageId());
          putString(e.from());
          putString(e.to());
        }
        case ESCALATED -> {
          Escalated e = (Escalated) event;
          putString(e.stageId());
          putString(e.role());
        }
        default -> throw new IllegalStateException("type " + type);
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
   * A record's type code at each format-3 chain code ({@link ChainEncoding#typeCode}); -1 for the
   * types kept as objects: case-submitted, gate-failed, resubmitted, and a type that is not one
   * of finegrain's events (code 0).
   */
  private static final int[] RECORD_TYPES = {-1, VOTE_CAST, STAGE_OPENED, STAGE_APPROVED, CASE_CLOSED, -1,
      STAGE_SKIPPED, STAGE_REJECTED, CHANGES_REQUESTED, -1, -1, COMMENTED, DELEGATED, REASSIGNED, ESCALATED};

  private static int typeOf(ReviewEvent event) {
    return RECORD_TYPES[ChainEncoding.typeCodeOrZero(event)];
  }

  /**
   * Whether records {@code [0, size)} of {@code data} (record {@code i} at {@code starts[i]}, its
   * object at {@code objects[i]}, which may end early) hold a case-submitted event as an object
   * that {@link Batch#addClosing} would write into its record: one whose subject holds only plain
   * values.
   */
  static boolean hasPlainSubmitted(byte[] data, int[] starts, Object[] objects, int size) {
    if (objects == null) {
      return false;
    }
    for (int i = 0; i < size && i < objects.length; i++) {
      if (objects[i] instanceof CaseSubmitted submitted && (data[starts[i]] & KIND) == OBJECT
          && plain(submitted.subject().fields())) {
        return true;
      }
    }
    return false;
  }

  /** The calling thread's batch for rewriting a closed case's records ({@link Batch#addClosing}), emptied. */
  static Batch closing() {
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
    if (value instanceof ImmutableList<?> list) {
      for (Object item : list) {
        if (!plain(item)) {
          return false;
        }
      }
      return true;
    }
    if (value instanceof ImmutableMap<?, ?> map) {
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

  static int kind(byte[] data, int[] starts, int index) {
    return data[starts[index]] & KIND;
  }

  static long hashWord(byte[] data, int at, int w) {
    return readLong(data, at + 1 + 8 * w);
  }

  /** The hash of the record at {@code at} (not RAW), as a new compact hash. */
  static byte[] hashAt(byte[] data, int at) {
    return Arrays.copyOfRange(data, at + 1, at + HEADER);
  }

  /** Whether the record at {@code at} (not RAW) has the hash {@code compact}. */
  static boolean hashIs(byte[] data, int at, Object compact) {
    if (!RecordedEvent.Hashes.canonical(compact)) {
      return false;
    }
    for (int w = 0; w < 4; w++) {
      if (hashWord(data, at, w) != RecordedEvent.Hashes.word(compact, w)) {
        return false;
      }
    }
    return true;
  }

  /** Where the record at {@code at} (not RAW) has its command id, or -1 if it has the one before's. */
  static int commandIdAt(byte[] data, int at) {
    return (data[at] & SAME_COMMAND) != 0 ? -1 : at + HEADER;
  }

  /** Whether the string at {@code at} is {@code s}. */
  static boolean sameString(byte[] data, int at, String s) {
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

  static String string(byte[] data, int at) {
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
  static ReviewEvent decode(byte[] data, int[] starts, int index, String caseId) {
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
    Reader in = new Reader(data, p);
    long sequence = index + 1;
    switch (type) {
      case VOTE_CAST:
        return VoteCast.builder().caseId(caseId).sequence(sequence).at(instant).actor(actor).stageId(in.string())
            .vote(VOTE_KINDS[in.readByte()]).onBehalfOf(in.optional()).note(in.optional()).build();
      case STAGE_OPENED:
        return StageOpened.builder().caseId(caseId).sequence(sequence).at(instant).actor(actor).stageId(in.string())
            .phase(in.readInt()).build();
      case STAGE_APPROVED:
        return StageApproved.builder().caseId(caseId).sequence(sequence).at(instant).actor(actor)
            .stageId(in.string()).build();
      case CASE_CLOSED:
        return CaseClosed.builder().caseId(caseId).sequence(sequence).at(instant).actor(actor)
            .outcome(OUTCOMES[in.readByte()]).reason(in.string()).build();
      case STAGE_SKIPPED:
        return StageSkipped.builder().caseId(caseId).sequence(sequence).at(instant).actor(actor).stageId(in.string())
            .phase(in.readInt()).reason(in.string()).build();
      case STAGE_REJECTED:
        return StageRejected.builder().caseId(caseId).sequence(sequence).at(instant).actor(actor)
            .stageId(in.string()).build();
      case CHANGES_REQUESTED:
        return ChangesRequested.builder().caseId(caseId).sequence(sequence).at(instant).actor(actor)
            .stageId(in.string()).reason(in.string()).build();
      case COMMENTED:
        return Commented.builder().caseId(caseId).sequence(sequence).at(instant).actor(actor).text(in.string())
            .build();
      case DELEGATED:
        return Delegated.builder().caseId(caseId).sequence(sequence).at(instant).actor(actor).from(in.string())
            .to(in.string()).validFrom(in.instant()).validUntil(in.instant()).build();
      case REASSIGNED:
        return Reassigned.builder().caseId(caseId).sequence(sequence).at(instant).actor(actor).stageId(in.string())
            .from(in.string()).to(in.string()).build();
      case ESCALATED:
        return Escalated.builder().caseId(caseId).sequence(sequence).at(instant).actor(actor).stageId(in.string())
            .role(in.string()).build();
      case CASE_SUBMITTED:
        return CaseSubmitted.builder().caseId(caseId).sequence(sequence).at(instant).actor(actor)
            .workflowId(in.string()).workflowVersion(in.readInt()).subject(in.artifact()).editor(in.string()).build();
      default:
        throw new IllegalStateException("no compact event type " + type);
    }
  }

  private static final class Reader {
    private final byte[] data;
    private int at;

    Reader(byte[] data, int at) {
      this.data = data;
      this.at = at;
    }

    String string() {
      String s = CompactEvents.string(data, at);
      at = skipString(data, at);
      return s;
    }

    int readByte() {
      return data[at++];
    }

    int readInt() {
      int v = CompactEvents.readInt(data, at);
      at += 4;
      return v;
    }

    Instant instant() {
      long seconds = CompactEvents.readLong(data, at);
      int nanos = CompactEvents.readInt(data, at + 8);
      at += 12;
      return Instant.ofEpochSecond(seconds, nanos);
    }

    Optional<String> optional() {
      return data[at++] == 0 ? Optional.empty() : Optional.of(string());
    }

    Artifact artifact() {
      String kind = string();
      @SuppressWarnings("unchecked")
      Map<String, ?> fields = (Map<String, ?>) value();
      return Artifact.of(kind, fields);
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
          int n = readInt();
          ImmutableList.Builder<Object> items = ImmutableList.builderWithExpectedSize(n);
          for (int i = 0; i < n; i++) {
            items.add(value());
          }
          return items.build();
        }
        case '{': {
          int n = readInt();
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

    long readLong() {
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

  private static void writeInt(byte[] b, int at, int v) {
    b[at] = (byte) (v >>> 24);
    b[at + 1] = (byte) (v >>> 16);
    b[at + 2] = (byte) (v >>> 8);
    b[at + 3] = (byte) v;
  }

  private static void writeLong(byte[] b, int at, long v) {
    writeInt(b, at, (int) (v >>> 32));
    writeInt(b, at + 4, (int) v);
  }
}
