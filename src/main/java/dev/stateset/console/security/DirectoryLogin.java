package dev.stateset.console.security;

import java.util.Optional;

/**
 * A directory that checks passwords for the console (LDAP, Active Directory): the login form and HTTP Basic try it
 * after the console's own users. Implemented by the identity feature.
 */
public interface DirectoryLogin {

    /**
     * @return the signed-in user, or empty when the directory knows nobody of that name
     * @throws org.springframework.security.authentication.BadCredentialsException for a wrong password
     * @throws SignInRefusedException when the directory vouches for the person and the console still refuses them
     */
    Optional<ConsoleUserDetails> authenticate(String username, String password);
}
