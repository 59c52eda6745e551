/**
 * Listing standards: the shop's listing standards are loaded from JSON, the China advertising-law
 * rule pack is added to them, and three sample listings are checked.
 */
package dev.finegrain.examples.listing;
