package dev.stateset.console.security;

import java.util.List;
import java.util.Optional;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.InternalAuthenticationServiceException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;

/**
 * A name and password (login form, HTTP Basic): the console's own users while the login policy allows, then each
 * directory. A user who signs in through an identity provider has no password here; a directory user's password is
 * the directory's, never the console's.
 */
class PasswordLogins implements AuthenticationProvider {

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(PasswordLogins.class);

    private final AuthenticationProvider local;
    private final UserDetailsService users;
    private final LoginPolicy policy;
    private final List<DirectoryLogin> directories;

    PasswordLogins(
            AuthenticationProvider local,
            UserDetailsService users,
            LoginPolicy policy,
            List<DirectoryLogin> directories) {
        this.local = local;
        this.users = users;
        this.policy = policy;
        this.directories = directories;
    }

    @Override
    public Authentication authenticate(Authentication authentication) {
        String username = authentication.getName();
        UserDetails known;
        try {
            known = users.loadUserByUsername(username);
        } catch (UsernameNotFoundException e) {
            known = null;
        }
        if (known instanceof ConsoleUserDetails user && ConsoleUserDetails.LOCAL.equals(user.origin())) {
            if (!policy.localPasswordLogin()) {
                throw new BadCredentialsException("Bad credentials");
            }
            return local.authenticate(authentication);
        }
        String password = authentication.getCredentials() == null
                ? ""
                : authentication.getCredentials().toString();
        if (!password.isEmpty()) { // an empty password is an anonymous bind to LDAP: never a sign-in
            for (DirectoryLogin directory : directories) {
                Optional<ConsoleUserDetails> signedIn;
                try {
                    signedIn = directory.authenticate(username, password);
                } catch (org.springframework.security.core.AuthenticationException e) {
                    throw e;
                } catch (RuntimeException e) {
                    // The directory or the database did not answer: a refused sign-in that says so, never a 500.
                    log.warn("Sign-in of {} through the directory failed: {}", username, e.toString(), e);
                    throw new InternalAuthenticationServiceException(
                            "The directory cannot check passwords right now: try again shortly", e);
                }
                if (signedIn.isPresent()) {
                    UsernamePasswordAuthenticationToken result = UsernamePasswordAuthenticationToken.authenticated(
                            signedIn.get(), null, signedIn.get().getAuthorities());
                    result.setDetails(authentication.getDetails());
                    return result;
                }
            }
        }
        throw new BadCredentialsException("Bad credentials");
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
    }
}
