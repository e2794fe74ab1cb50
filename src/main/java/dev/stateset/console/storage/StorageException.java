package dev.stateset.console.storage;

/** Storage refused or failed an operation; the message says which location and why. */
public class StorageException extends RuntimeException {

    public StorageException(String message, Throwable cause) {
        super(message, cause);
    }

    public StorageException(String message) {
        super(message);
    }
}
