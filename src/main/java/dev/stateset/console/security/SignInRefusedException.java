package dev.stateset.console.security;

import org.springframework.security.authentication.AccountStatusException;

/**
 * The identity provider vouched for the person, and the console still refuses them (no role, no usable name, a name
 * taken by another user). An account status: no other login method is tried after it, and the message is shown.
 */
public class SignInRefusedException extends AccountStatusException {

    public SignInRefusedException(String message) {
        super(message);
    }
}
