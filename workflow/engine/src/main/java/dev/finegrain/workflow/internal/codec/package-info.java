/**
 * One codec per event type ({@link dev.finegrain.workflow.internal.codec.EventCodecs}) and the two
 * encodings that use them: the hash chain's ({@link dev.finegrain.workflow.internal.codec.ChainEncoding})
 * and the in-memory store's compact records ({@link dev.finegrain.workflow.internal.codec.CompactEvents}).
 * Not exported.
 */
package dev.finegrain.workflow.internal.codec;
