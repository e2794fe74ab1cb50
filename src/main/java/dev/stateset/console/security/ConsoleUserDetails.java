package dev.stateset.console.security;

import java.util.ArrayList;
import java.util.List;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.userdetails.User;

/**
 * Spring Security principal that carries the user's database id, so that every workspace check can use
 * it directly. System admins get {@code ROLE_ADMIN}; everyone gets {@code ROLE_USER}.
 */
public class ConsoleUserDetails extends User {

    public static final String ROLE_ADMIN = "ADMIN";
    public static final String ROLE_USER = "USER";

    /** {@link #origin()} of a user whose password the console keeps. */
    public static final String LOCAL = "local";

    private final long id;
    private final boolean admin;
    private final String origin;

    public ConsoleUserDetails(long id, String username, String passwordHash, boolean enabled, boolean admin) {
        this(id, username, passwordHash, enabled, admin, LOCAL);
    }

    public ConsoleUserDetails(
            long id, String username, String passwordHash, boolean enabled, boolean admin, String origin) {
        super(username, passwordHash, enabled, true, true, true, authorities(admin));
        this.id = id;
        this.admin = admin;
        this.origin = origin;
    }

    public long id() {
        return id;
    }

    public boolean admin() {
        return admin;
    }

    /** Where the user signs in: {@value #LOCAL}, {@code ldap}, or an OpenID Connect provider's registration id. */
    public String origin() {
        return origin;
    }

    public ConsoleUser toConsoleUser() {
        return new ConsoleUser(id, getUsername(), admin);
    }

    private static List<GrantedAuthority> authorities(boolean admin) {
        List<GrantedAuthority> authorities = new ArrayList<>();
        authorities.add(new SimpleGrantedAuthority("ROLE_" + ROLE_USER));
        if (admin) {
            authorities.add(new SimpleGrantedAuthority("ROLE_" + ROLE_ADMIN));
        }
        return authorities;
    }
}
