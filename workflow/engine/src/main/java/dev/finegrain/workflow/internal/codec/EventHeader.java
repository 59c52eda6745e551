package dev.finegrain.workflow.internal.codec;

import java.time.Instant;

/** The fields every event has, read before its own: what an {@link EventCodec} builds an event from. */
public record EventHeader(String caseId, long sequence, Instant at, String actor) {}
