/**
 * Scenario 1, team set-up: a tea shop's team, listing process, responsibilities and standards are
 * loaded from JSON; the launcher prints RACI findings, process analysis and skill gaps.
 */
package dev.finegrain.examples.team;
