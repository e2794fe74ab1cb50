package dev.stateset.console.storage;

import dev.stateset.console.base.DependencyFailureException;

/** Storage refused or failed an operation; the message says which location and why. */
public class StorageException extends DependencyFailureException {

    public StorageException(String message, Throwable cause) {
        super(Kind.UNAVAILABLE, "Storage error", message, cause);
    }

    public StorageException(String message) {
        this(message, null);
    }
}
