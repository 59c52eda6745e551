/** Scenario 3: the West Lake Tea shop's listing review run through the review engine facade. */
package dev.finegrain.examples.review;
