/**
 * Order review (订单审核): orders that the shop's order rules flag wait for a finance or risk review
 * before fulfilment, the rest pass automatically; a day of generated orders through the review engine.
 */
package dev.finegrain.examples.order;
