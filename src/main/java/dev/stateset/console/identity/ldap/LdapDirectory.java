package dev.stateset.console.identity.ldap;

import dev.stateset.console.identity.ExternalSignIn;
import dev.stateset.console.security.ConsoleUserDetails;
import dev.stateset.console.security.DirectoryLogin;
import dev.stateset.console.security.ExternalAccounts;
import dev.stateset.console.security.SignInRefusedException;
import dev.stateset.console.security.SignedInCheck;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.springframework.ldap.core.DirContextOperations;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.ldap.DefaultSpringSecurityContextSource;
import org.springframework.security.ldap.SpringSecurityLdapTemplate;
import org.springframework.security.ldap.authentication.BindAuthenticator;
import org.springframework.security.ldap.search.FilterBasedLdapUserSearch;

/**
 * The LDAP directory (or Active Directory) as a way in: the login form's password is checked by binding as the user;
 * their groups are searched with the manager account, at sign-in and at each session re-check.
 */
public class LdapDirectory implements DirectoryLogin, SignedInCheck {

    public static final String ORIGIN = "ldap";

    private final LdapProperties settings;
    private final FilterBasedLdapUserSearch users;
    private final BindAuthenticator authenticator;
    private final SpringSecurityLdapTemplate searches;
    private final ExternalSignIn signIn;

    public LdapDirectory(LdapProperties settings, DefaultSpringSecurityContextSource context, ExternalSignIn signIn) {
        this.settings = settings;
        this.signIn = signIn;
        this.users = new FilterBasedLdapUserSearch(settings.userSearchBase(), settings.userSearchFilter(), context);
        this.authenticator = new BindAuthenticator(context);
        this.authenticator.setUserSearch(users);
        this.searches = new SpringSecurityLdapTemplate(context);
        this.searches.setIgnorePartialResultException(true); // Active Directory's referrals
    }

    @Override
    public Optional<ConsoleUserDetails> authenticate(String username, String password) {
        DirContextOperations entry;
        try {
            entry = authenticator.authenticate(UsernamePasswordAuthenticationToken.unauthenticated(username, password));
        } catch (UsernameNotFoundException e) {
            return Optional.empty();
        }
        return Optional.of(signIn.signIn(identity(username, entry), groupsOf(entry, username)));
    }

    @Override
    public boolean handles(String origin) {
        return ORIGIN.equals(origin);
    }

    /** Searches the user again (gone or moved: signed out) and their groups. */
    @Override
    public Optional<Authentication> recheck(
            Authentication signedIn,
            ConsoleUserDetails user,
            HttpServletRequest request,
            HttpServletResponse response) {
        DirContextOperations entry;
        try {
            entry = users.searchForUser(user.getUsername());
        } catch (UsernameNotFoundException e) {
            return Optional.empty();
        }
        try {
            ConsoleUserDetails fresh =
                    signIn.signIn(identity(user.getUsername(), entry), groupsOf(entry, user.getUsername()));
            UsernamePasswordAuthenticationToken updated =
                    UsernamePasswordAuthenticationToken.authenticated(fresh, null, fresh.getAuthorities());
            updated.setDetails(signedIn.getDetails());
            return Optional.of(updated);
        } catch (SignInRefusedException | org.springframework.security.authentication.DisabledException e) {
            return Optional.empty();
        } catch (AuthenticationException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    /**
     * Brings a token holder's roles up to date from the directory, although they did not sign in: someone gone from
     * the directory, or left without any role, loses their group roles and (with no role left) their tokens.
     */
    public void refresh(ExternalAccounts.Known user) {
        DirContextOperations entry;
        try {
            entry = users.searchForUser(user.username());
        } catch (UsernameNotFoundException e) {
            entry = null;
        }
        ExternalAccounts.Identity who = entry == null
                ? new ExternalAccounts.Identity(ORIGIN, user.externalId(), user.username(), null)
                : identity(user.username(), entry);
        try {
            signIn.signIn(who, entry == null ? List.of() : groupsOf(entry, user.username()));
        } catch (SignInRefusedException | org.springframework.security.authentication.DisabledException e) {
            // Refused: what it changed (roles taken back, tokens revoked) is recorded; nobody to tell here.
        }
    }

    private ExternalAccounts.Identity identity(String username, DirContextOperations entry) {
        String displayName = entry.getStringAttribute(settings.displayNameAttribute());
        return new ExternalAccounts.Identity(ORIGIN, entry.getNameInNamespace(), username, displayName);
    }

    private List<String> groupsOf(DirContextOperations entry, String username) {
        Set<String> names = searches.searchForSingleAttributeValues(
                settings.groupSearchBase(),
                settings.groupSearchFilter(),
                new String[] {entry.getNameInNamespace(), username},
                settings.groupNameAttribute());
        return names.stream().sorted().toList();
    }
}
