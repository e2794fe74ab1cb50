package dev.stateset.console.base;

/**
 * Thrown when a resource does not exist <em>or</em> the caller may not know that it exists. Both cases
 * answer the same, so that a forged URL never tells a non-member whether another workspace's data exists.
 */
public class ResourceNotFoundException extends RuntimeException {

    public ResourceNotFoundException(String what) {
        super(what + " not found");
    }
}
