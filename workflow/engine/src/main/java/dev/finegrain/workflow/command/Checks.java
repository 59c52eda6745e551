package dev.finegrain.workflow.command;

import dev.finegrain.core.Ids;
import dev.finegrain.core.internal.Problems;
import dev.finegrain.core.standard.Artifact;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Validation shared by the command types. Everything a command carries may end up in an event,
 * which a store may keep as JSON in UTF-8 and must hash the same when read back; so text must be
 * valid Unicode (a lone surrogate would come back as {@code ?}) without U+0000 (which PostgreSQL's
 * text and JSONB refuse), and a subject's numbers finite (NaN and infinity have no JSON number).
 * The ids a command names (command, case, actor, stage and members) are at most
 * {@link Ids#MAX_LENGTH} chars, which a store's indexes hold (see {@link Ids}), and its instants
 * within years 1 to 9999 (a case cannot go back in time, so one far in the future would leave it
 * waiting). Each is refused when the command is built, with the path.
 */
final class Checks {
  private Checks() {}

  static void command(Problems problems, ReviewCommand command) {
    problems.checkNotBlank("commandId", command.commandId());
    problems.checkNotBlank("caseId", command.caseId());
    problems.checkNotBlank("actor", command.actor());
    command.expectedVersion().ifPresent(v -> problems.check(v >= 0, "expectedVersion", "must be 0 or more, got %s", v));
    id(problems, "commandId", command.commandId());
    id(problems, "caseId", command.caseId());
    id(problems, "actor", command.actor());
    instant(problems, "at", command.at());
    if (command instanceof Approve c) {
      id(problems, "stageId", c.stageId());
      text(problems, "comment", c.comment());
      id(problems, "onBehalfOf", c.onBehalfOf());
    } else if (command instanceof Reject c) {
      id(problems, "stageId", c.stageId());
      text(problems, "reason", c.reason());
      id(problems, "onBehalfOf", c.onBehalfOf());
    } else if (command instanceof RequestChanges c) {
      id(problems, "stageId", c.stageId());
      text(problems, "reason", c.reason());
      id(problems, "onBehalfOf", c.onBehalfOf());
    } else if (command instanceof Submit c) {
      subject(problems, c.subject());
      id(problems, "editedBy", c.editedBy());
    } else if (command instanceof Resubmit c) {
      subject(problems, c.subject());
      id(problems, "editedBy", c.editedBy());
    } else if (command instanceof Withdraw c) {
      text(problems, "reason", c.reason());
    } else if (command instanceof Comment c) {
      text(problems, "text", c.text());
    } else if (command instanceof Delegate c) {
      id(problems, "from", c.from());
      id(problems, "to", c.to());
      instant(problems, "validFrom", c.validFrom());
      instant(problems, "validUntil", c.validUntil());
    } else if (command instanceof Reassign c) {
      id(problems, "stageId", c.stageId());
      id(problems, "from", c.from());
      id(problems, "to", c.to());
    }
  }

  private static void text(Problems problems, String path, Optional<String> value) {
    if (value.isPresent()) {
      text(problems, path, value.get());
    }
  }

  private static void text(Problems problems, String path, String value) {
    problems.checkStorable(path, value);
  }

  /** A text that names something: storable, and at most {@link Ids#MAX_LENGTH} chars. */
  private static void id(Problems problems, String path, Optional<String> value) {
    if (value.isPresent()) {
      id(problems, path, value.get());
    }
  }

  private static void id(Problems problems, String path, String value) {
    problems.checkStorable(path, value).checkIdLength(path, value);
  }

  /**
   * An instant within years 1 to 9999 ({@link ReviewCommand#MIN_INSTANT} to
   * {@link ReviewCommand#MAX_INSTANT}); one past it that is a plausible instant in epoch
   * milliseconds read as seconds says so.
   */
  private static void instant(Problems problems, String path, Instant value) {
    if (value.isBefore(ReviewCommand.MIN_INSTANT) || value.isAfter(ReviewCommand.MAX_INSTANT)) {
      Instant asMillis = Instant.ofEpochMilli(value.getEpochSecond());
      String hint = value.isAfter(ReviewCommand.MAX_INSTANT) && value.getNano() == 0
          && !asMillis.isAfter(ReviewCommand.MAX_INSTANT) ? "; as epoch milliseconds it would be " + asMillis : "";
      problems.add(path, "must lie within years 0001 to 9999 (ReviewCommand.MIN_INSTANT %s to"
          + " ReviewCommand.MAX_INSTANT %s), got %s%s", ReviewCommand.MIN_INSTANT, ReviewCommand.MAX_INSTANT, value,
          hint);
    }
  }

  /** The subject's kind, field names and texts valid Unicode, its numbers finite; walked without recursion. */
  private static void subject(Problems problems, Artifact subject) {
    text(problems, "subject.kind", subject.kind());
    Deque<Object[]> todo = new ArrayDeque<>();
    todo.push(new Object[] {"subject.fields", subject.fields()});
    while (!todo.isEmpty()) {
      Object[] next = todo.pop();
      String path = (String) next[0];
      Object value = next[1];
      if (value instanceof String s) {
        text(problems, path, s);
      } else if (value instanceof Double d && !Double.isFinite(d)) {
        problems.add(path, "expected a finite number, got %s (JSON has no number for it)", d);
      } else if (value instanceof Float f && !Float.isFinite(f)) {
        problems.add(path, "expected a finite number, got %s (JSON has no number for it)", f);
      } else if (value instanceof Map<?, ?> map) {
        for (Map.Entry<?, ?> entry : map.entrySet()) {
          String key = String.valueOf(entry.getKey());
          text(problems, path + " (a field name)", key);
          todo.push(new Object[] {path + "." + key, entry.getValue()});
        }
      } else if (value instanceof List<?> list) {
        for (int i = 0; i < list.size(); i++) {
          todo.push(new Object[] {path + "[" + i + "]", list.get(i)});
        }
      }
    }
  }
}
