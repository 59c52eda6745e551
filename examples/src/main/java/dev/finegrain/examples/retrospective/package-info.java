/**
 * The weekly retrospective (定期复盘): which KPIs crossed a status boundary and why (each group's rate
 * and mix effects), which standard rules were broken most, and which review stages held work longest.
 */
package dev.finegrain.examples.retrospective;
