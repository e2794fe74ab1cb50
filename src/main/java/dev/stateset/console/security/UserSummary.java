package dev.stateset.console.security;

import java.time.Instant;

/**
 * A console user as the users page and the API list them.
 *
 * @param admin           system admin now: granted here ({@code adminDirect}) or through {@code adminGroups}
 * @param origin          {@code local} (a password kept here), {@code ldap}, or an OpenID Connect provider
 * @param externalGroups  the groups the provider or directory named at the last sign-in or re-check
 * @param groupsCheckedAt when that was
 */
public record UserSummary(
        long id,
        String username,
        String displayName,
        boolean admin,
        boolean enabled,
        Instant createdAt,
        String origin,
        boolean adminDirect,
        String adminGroups,
        String externalGroups,
        Instant groupsCheckedAt) {

    public boolean local() {
        return ConsoleUserDetails.LOCAL.equals(origin);
    }

    /** Where the admin role comes from, in a user's words (empty when not admin). */
    public String adminSource() {
        if (!admin) {
            return "";
        }
        if (adminGroups == null) {
            return "granted here";
        }
        return adminDirect ? "granted here and group " + adminGroups : "group " + adminGroups;
    }
}
