package dev.finegrain.workflow.internal.codec;

import dev.finegrain.core.standard.Violation;
import dev.finegrain.workflow.event.CaseClosed;
import dev.finegrain.workflow.event.CaseSubmitted;
import dev.finegrain.workflow.event.ChangesRequested;
import dev.finegrain.workflow.event.Commented;
import dev.finegrain.workflow.event.Delegated;
import dev.finegrain.workflow.event.Escalated;
import dev.finegrain.workflow.event.GateFailed;
import dev.finegrain.workflow.event.Outcome;
import dev.finegrain.workflow.event.Reassigned;
import dev.finegrain.workflow.event.Resubmitted;
import dev.finegrain.workflow.event.ReviewEvent;
import dev.finegrain.workflow.event.StageApproved;
import dev.finegrain.workflow.event.StageOpened;
import dev.finegrain.workflow.event.StageRejected;
import dev.finegrain.workflow.event.StageSkipped;
import dev.finegrain.workflow.event.VoteCast;
import dev.finegrain.workflow.event.VoteKind;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The codec of every event type, registered once each. To add an event type: write its class in
 * {@code dev.finegrain.workflow.event} (and list it in {@code ReviewEvent}'s {@code permits}), add its
 * codec to {@link #ALL} with a new type code, and give it its effect on a case in {@code ReviewCase}'s
 * fold. A test fails for a permitted event type without a codec, or a codec whose fields do not
 * read back.
 */
public final class EventCodecs {
  private static final VoteKind[] VOTE_KINDS = VoteKind.values();
  private static final Outcome[] OUTCOMES = Outcome.values();

  /** Every codec, by type code; codes are never reused. */
  public static final List<EventCodec<?>> ALL = List.of(
      new EventCodec<>(VoteCast.class, "vote-cast", 1, false) {
        @Override
        public void write(VoteCast e, FieldWriter out) {
          out.string(e.stageId());
          out.enumValue(e.vote());
          out.optional(e.onBehalfOf());
          out.optional(e.note());
        }

        @Override
        public VoteCast read(EventHeader h, FieldReader in) {
          return VoteCast.builder().caseId(h.caseId()).sequence(h.sequence()).at(h.at()).actor(h.actor())
              .stageId(in.string()).vote(in.enumValue(VOTE_KINDS)).onBehalfOf(in.optional()).note(in.optional())
              .build();
        }

        @Override
        public String describe(VoteCast e, String who) {
          String voter = e.onBehalfOf().map(p -> e.actor() + " for " + p).orElse(e.actor());
          String verb = switch (e.vote()) {
            case APPROVE -> "approved";
            case REJECT -> "rejected";
            case REQUEST_CHANGES -> "requested changes in";
          };
          return voter + " " + verb + " stage '" + e.stageId() + "'" + e.note().map(n -> ": " + n).orElse("");
        }
      },
      new EventCodec<>(StageOpened.class, "stage-opened", 2, false) {
        @Override
        public void write(StageOpened e, FieldWriter out) {
          out.string(e.stageId());
          out.int32(e.phase());
        }

        @Override
        public StageOpened read(EventHeader h, FieldReader in) {
          return StageOpened.builder().caseId(h.caseId()).sequence(h.sequence()).at(h.at()).actor(h.actor())
              .stageId(in.string()).phase(in.int32()).build();
        }

        @Override
        public String describe(StageOpened e, String who) {
          return "stage '" + e.stageId() + "' opened (phase " + (e.phase() + 1) + ")";
        }
      },
      new EventCodec<>(StageApproved.class, "stage-approved", 3, false) {
        @Override
        public void write(StageApproved e, FieldWriter out) {
          out.string(e.stageId());
        }

        @Override
        public StageApproved read(EventHeader h, FieldReader in) {
          return StageApproved.builder().caseId(h.caseId()).sequence(h.sequence()).at(h.at()).actor(h.actor())
              .stageId(in.string()).build();
        }

        @Override
        public String describe(StageApproved e, String who) {
          return "stage '" + e.stageId() + "' approved";
        }
      },
      new EventCodec<>(CaseClosed.class, "case-closed", 4, false) {
        @Override
        public void write(CaseClosed e, FieldWriter out) {
          out.enumValue(e.outcome());
          out.string(e.reason());
        }

        @Override
        public CaseClosed read(EventHeader h, FieldReader in) {
          return CaseClosed.builder().caseId(h.caseId()).sequence(h.sequence()).at(h.at()).actor(h.actor())
              .outcome(in.enumValue(OUTCOMES)).reason(in.string()).build();
        }

        @Override
        public String describe(CaseClosed e, String who) {
          return "case closed as " + e.outcome().name().toLowerCase(Locale.ROOT) + ": " + e.reason();
        }
      },
      new EventCodec<>(CaseSubmitted.class, "case-submitted", 5, true) {
        @Override
        public void write(CaseSubmitted e, FieldWriter out) {
          out.string(e.workflowId());
          out.int32(e.workflowVersion());
          out.artifact(e.subject());
          out.string(e.editor());
          out.trailingHash(e.definitionHash());
        }

        @Override
        public CaseSubmitted read(EventHeader h, FieldReader in) {
          return CaseSubmitted.builder().caseId(h.caseId()).sequence(h.sequence()).at(h.at()).actor(h.actor())
              .workflowId(in.string()).workflowVersion(in.int32()).subject(in.artifact()).editor(in.string())
              .definitionHash(in.trailingHash()).build();
        }

        @Override
        public String describe(CaseSubmitted e, String who) {
          return who + " submitted " + e.subject().kind() + " revision 1 for review under workflow '"
              + e.workflowId() + "' v" + e.workflowVersion()
              + (e.editor().equals(e.actor()) ? "" : " (edited by " + e.editor() + ")");
        }
      },
      new EventCodec<>(StageSkipped.class, "stage-skipped", 6, false) {
        @Override
        public void write(StageSkipped e, FieldWriter out) {
          out.string(e.stageId());
          out.int32(e.phase());
          out.string(e.reason());
        }

        @Override
        public StageSkipped read(EventHeader h, FieldReader in) {
          return StageSkipped.builder().caseId(h.caseId()).sequence(h.sequence()).at(h.at()).actor(h.actor())
              .stageId(in.string()).phase(in.int32()).reason(in.string()).build();
        }

        @Override
        public String describe(StageSkipped e, String who) {
          return "stage '" + e.stageId() + "' skipped: " + e.reason();
        }
      },
      new EventCodec<>(StageRejected.class, "stage-rejected", 7, false) {
        @Override
        public void write(StageRejected e, FieldWriter out) {
          out.string(e.stageId());
        }

        @Override
        public StageRejected read(EventHeader h, FieldReader in) {
          return StageRejected.builder().caseId(h.caseId()).sequence(h.sequence()).at(h.at()).actor(h.actor())
              .stageId(in.string()).build();
        }

        @Override
        public String describe(StageRejected e, String who) {
          return "stage '" + e.stageId() + "' rejected";
        }
      },
      new EventCodec<>(ChangesRequested.class, "changes-requested", 8, false) {
        @Override
        public void write(ChangesRequested e, FieldWriter out) {
          out.string(e.stageId());
          out.string(e.reason());
        }

        @Override
        public ChangesRequested read(EventHeader h, FieldReader in) {
          return ChangesRequested.builder().caseId(h.caseId()).sequence(h.sequence()).at(h.at()).actor(h.actor())
              .stageId(in.string()).reason(in.string()).build();
        }

        @Override
        public String describe(ChangesRequested e, String who) {
          return "stage '" + e.stageId() + "' sent the case back to the submitter for changes";
        }
      },
      new EventCodec<>(GateFailed.class, "gate-failed", 9, false) {
        @Override
        public void write(GateFailed e, FieldWriter out) {
          out.string(e.stageId());
          out.string(e.standardId());
          out.violations(e.violations());
        }

        @Override
        public GateFailed read(EventHeader h, FieldReader in) {
          return GateFailed.builder().caseId(h.caseId()).sequence(h.sequence()).at(h.at()).actor(h.actor())
              .stageId(in.string()).standardId(in.string()).violations(in.violations()).build();
        }

        @Override
        public String describe(GateFailed e, String who) {
          return "gate '" + e.standardId() + "' of stage '" + e.stageId() + "' failed ("
              + e.violations().stream().map(Violation::ruleId).distinct().collect(Collectors.joining(", "))
              + "); sent back to the submitter";
        }
      },
      new EventCodec<>(Resubmitted.class, "resubmitted", 10, true) {
        @Override
        public void write(Resubmitted e, FieldWriter out) {
          out.int32(e.revision());
          out.artifact(e.subject());
          out.string(e.editor());
          out.strings(e.resetStages());
        }

        @Override
        public Resubmitted read(EventHeader h, FieldReader in) {
          return Resubmitted.builder().caseId(h.caseId()).sequence(h.sequence()).at(h.at()).actor(h.actor())
              .revision(in.int32()).subject(in.artifact()).editor(in.string()).resetStages(in.strings()).build();
        }

        @Override
        public String describe(Resubmitted e, String who) {
          return who + " resubmitted revision " + e.revision()
              + (e.editor().equals(e.actor()) ? "" : " (edited by " + e.editor() + ")")
              + (e.resetStages().isEmpty() ? "" : "; approvals reset in " + e.resetStages());
        }
      },
      new EventCodec<>(Commented.class, "commented", 11, false) {
        @Override
        public void write(Commented e, FieldWriter out) {
          out.string(e.text());
        }

        @Override
        public Commented read(EventHeader h, FieldReader in) {
          return Commented.builder().caseId(h.caseId()).sequence(h.sequence()).at(h.at()).actor(h.actor())
              .text(in.string()).build();
        }

        @Override
        public String describe(Commented e, String who) {
          return who + " commented: " + e.text();
        }
      },
      new EventCodec<>(Delegated.class, "delegated", 12, false) {
        @Override
        public void write(Delegated e, FieldWriter out) {
          out.string(e.from());
          out.string(e.to());
          out.instant(e.validFrom());
          out.instant(e.validUntil());
        }

        @Override
        public Delegated read(EventHeader h, FieldReader in) {
          return Delegated.builder().caseId(h.caseId()).sequence(h.sequence()).at(h.at()).actor(h.actor())
              .from(in.string()).to(in.string()).validFrom(in.instant()).validUntil(in.instant()).build();
        }

        @Override
        public String describe(Delegated e, String who) {
          return who + " delegated " + e.from() + "'s votes to " + e.to() + " from " + e.validFrom() + " until "
              + e.validUntil();
        }
      },
      new EventCodec<>(Reassigned.class, "reassigned", 13, false) {
        @Override
        public void write(Reassigned e, FieldWriter out) {
          out.string(e.stageId());
          out.string(e.from());
          out.string(e.to());
        }

        @Override
        public Reassigned read(EventHeader h, FieldReader in) {
          return Reassigned.builder().caseId(h.caseId()).sequence(h.sequence()).at(h.at()).actor(h.actor())
              .stageId(in.string()).from(in.string()).to(in.string()).build();
        }

        @Override
        public String describe(Reassigned e, String who) {
          return who + " reassigned stage '" + e.stageId() + "' from " + e.from() + " to " + e.to();
        }
      },
      new EventCodec<>(Escalated.class, "escalated", 14, false) {
        @Override
        public void write(Escalated e, FieldWriter out) {
          out.string(e.stageId());
          out.string(e.role());
        }

        @Override
        public Escalated read(EventHeader h, FieldReader in) {
          return Escalated.builder().caseId(h.caseId()).sequence(h.sequence()).at(h.at()).actor(h.actor())
              .stageId(in.string()).role(in.string()).build();
        }

        @Override
        public String describe(Escalated e, String who) {
          return "stage '" + e.stageId() + "' escalated: holders of '" + e.role() + "' may vote too";
        }
      });

  private static final EventCodec<?>[] BY_CODE = new EventCodec<?>[128];
  private static final Map<String, EventCodec<?>> BY_NAME = new HashMap<>();

  static {
    for (EventCodec<?> codec : ALL) {
      if (BY_CODE[codec.code()] != null || BY_NAME.put(codec.name(), codec) != null) {
        throw new ExceptionInInitializerError("event type code or name used twice: " + codec);
      }
      BY_CODE[codec.code()] = codec;
    }
  }

  /** The codec of each event class (the generated implementation classes included). */
  private static final ClassValue<EventCodec<?>> BY_CLASS = new ClassValue<>() {
    @Override
    protected EventCodec<?> computeValue(Class<?> type) {
      for (EventCodec<?> codec : ALL) {
        if (codec.type().isAssignableFrom(type)) {
          return codec;
        }
      }
      return null;
    }
  };

  private EventCodecs() {}

  /**
   * The codec of {@code event}'s type.
   *
   * @throws IllegalArgumentException if no codec is registered for it
   */
  public static EventCodec<?> of(ReviewEvent event) {
    EventCodec<?> codec = BY_CLASS.get(event.getClass());
    if (codec == null) {
      throw new IllegalArgumentException("no codec for event type " + event.getClass().getName());
    }
    return codec;
  }

  /** The codec with type code {@code code}, or null. */
  public static EventCodec<?> byCode(int code) {
    return code > 0 && code < BY_CODE.length ? BY_CODE[code] : null;
  }

  /** The codec with JSON type name {@code name}, or null. */
  public static EventCodec<?> byName(String name) {
    return BY_NAME.get(name);
  }

  /** {@code event} in words, for audit trails: who did what, "B for A" for delegated votes. */
  public static String describe(ReviewEvent event) {
    String who = event.actor().equals(ReviewEvent.SYSTEM) ? "the engine" : event.actor();
    return of(event).describeAny(event, who);
  }
}
