package dev.stateset.console.security;

import dev.stateset.console.base.FieldErrors;

/** Minimum rules for console passwords; documented in the README. */
public final class PasswordPolicy {

    public static final int MIN_LENGTH = 12;
    public static final int MAX_LENGTH = 128;

    private PasswordPolicy() {}

    static void check(FieldErrors errors, String field, String password, String username) {
        if (password == null || password.length() < MIN_LENGTH) {
            errors.add(field, "Password must be at least " + MIN_LENGTH + " characters");
        } else if (password.length() > MAX_LENGTH) {
            errors.add(field, "Password must be at most " + MAX_LENGTH + " characters");
        } else if (password.isBlank()) {
            errors.add(field, "Password must not be only spaces");
        } else if (username != null && password.equalsIgnoreCase(username.strip())) {
            errors.add(field, "Password must differ from the username");
        }
    }
}
