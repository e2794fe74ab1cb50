package dev.stateset.console.stateset;

/**
 * What job snapshots occupy in the storage: those whose files are kept (COMPLETED, and DELETING or DELETE_FAILED until
 * their files are gone), and their bytes as measured when each completed.
 */
public record StorageTotals(long snapshots, long bytes) {

    public static final StorageTotals NONE = new StorageTotals(0, 0);
}
