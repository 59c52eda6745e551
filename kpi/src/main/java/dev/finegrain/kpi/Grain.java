package dev.finegrain.kpi;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.IsoFields;
import java.time.temporal.TemporalAdjusters;

/**
 * The calendar period a KPI query groups by, computed in a given time zone: a day there is 23 or
 * 25 hours long on the days its clocks change.
 *
 * @since 0.1
 */
public enum Grain {
  /** One window per calendar day. */
  DAY,
  /** One window per ISO week, Monday to Sunday, labelled such as {@code 2026-W10}. */
  ISO_WEEK,
  /** One window per calendar month. */
  MONTH,
  /** One window per calendar quarter. */
  QUARTER,
  /** One window for the whole range (or for all the data when no range is given). */
  ALL;

  /** The first day of the period that contains {@code date}. */
  LocalDate startOf(LocalDate date) {
    switch (this) {
      case DAY:
        return date;
      case ISO_WEEK:
        return date.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
      case MONTH:
        return date.withDayOfMonth(1);
      case QUARTER:
        return date.withDayOfMonth(1).withMonth((date.getMonthValue() - 1) / 3 * 3 + 1);
      default:
        throw new IllegalStateException("ALL has no calendar periods");
    }
  }

  /** The first day of the period after the one starting on {@code start}. */
  LocalDate next(LocalDate start) {
    switch (this) {
      case DAY:
        return start.plusDays(1);
      case ISO_WEEK:
        return start.plusWeeks(1);
      case MONTH:
        return start.plusMonths(1);
      case QUARTER:
        return start.plusMonths(3);
      default:
        throw new IllegalStateException("ALL has no calendar periods");
    }
  }

  /** The instant the period starting on {@code day} begins in {@code zone} (DST-aware). */
  static Instant instantOf(LocalDate day, ZoneId zone) {
    return day.atStartOfDay(zone).toInstant();
  }

  /** A label for the period starting on {@code start}: 2026-03-02, 2026-W10, 2026-03, 2026-Q1. */
  String label(LocalDate start) {
    switch (this) {
      case DAY:
        return start.toString();
      case ISO_WEEK:
        return String.format("%d-W%02d", start.get(IsoFields.WEEK_BASED_YEAR), start.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR));
      case MONTH:
        return String.format("%d-%02d", start.getYear(), start.getMonthValue());
      case QUARTER:
        return start.getYear() + "-Q" + start.get(IsoFields.QUARTER_OF_YEAR);
      default:
        return "all";
    }
  }
}
