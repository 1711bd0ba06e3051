package vn.anttmap.model;

/**
 * How the store's connection pool is used at one moment, for monitoring: connections lent out ({@code active}), kept
 * ready ({@code idle}), open in all ({@code total}), threads waiting for one ({@code waiting}), and the most it opens
 * ({@code max}). Read-only; a snapshot, not a live view.
 */
public record PoolUse(int active, int idle, int total, int waiting, int max) {
}
