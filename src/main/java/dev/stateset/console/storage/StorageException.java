package dev.stateset.console.storage;

import dev.stateset.console.base.DependencyFailureException;

/** Storage refused or failed an operation; the message says which location and why. */
public class StorageException extends DependencyFailureException {

    public StorageException(String message, Throwable cause) {
        super(message, cause);
    }

    public StorageException(String message) {
        super(message, null);
    }

    @Override
    public Kind kind() {
        return Kind.UNAVAILABLE;
    }

    @Override
    public String title() {
        return "Storage error";
    }
}
