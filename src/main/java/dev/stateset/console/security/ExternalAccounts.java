package dev.stateset.console.security;

import dev.stateset.console.security.internal.UserEntity;
import dev.stateset.console.security.internal.UserRepository;
import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.Optional;
import java.util.regex.Pattern;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Console users who sign in through an identity provider or a directory: found by who the provider says they are
 * (issuer and subject, or DN), never by name alone, so an outside account never takes over a local one of the same
 * name. The console keeps no password of theirs. The identity feature calls this at each sign-in and re-check.
 */
@Service
public class ExternalAccounts {

    /** Names as providers give them: letters, digits, and . _ - @ (an e-mail address is a common one). */
    private static final Pattern USERNAME = Pattern.compile("[a-z0-9][a-z0-9._@-]{1,99}");
    /** How exactly "groups last checked" is kept. */
    static final java.time.Duration GROUPS_CHECK_PRECISION = java.time.Duration.ofMinutes(1);
    /** Never a BCrypt hash: no password matches it. */
    private static final String NO_PASSWORD = "{external}";

    /** What the provider vouched for. */
    public record Identity(String origin, String externalId, String username, String displayName) {}

    /** The account after a sign-in: {@code adminBefore} to tell whether the admin role changed. */
    public record Account(
            long id,
            String username,
            String origin,
            boolean enabled,
            boolean admin,
            boolean adminBefore,
            boolean created) {}

    /** An external user the console re-checks without a sign-in (a token holder). */
    public record Known(long id, String username, String origin, String externalId) {}

    private final UserRepository users;
    private final ApiTokenService tokens;
    private final Clock clock;

    ExternalAccounts(UserRepository users, ApiTokenService tokens, Clock clock) {
        this.users = users;
        this.tokens = tokens;
        this.clock = clock;
    }

    /**
     * Finds or creates the user, keeps their name and display name current, records their groups and makes them
     * system admin exactly while {@code adminGroups} is not empty (a direct grant stays).
     *
     * @throws SignInRefusedException if the name is not one the console can use, or belongs to another user
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public Account signIn(Identity who, Collection<String> groups, Collection<String> adminGroups) {
        String username = who.username() == null ? "" : who.username().strip().toLowerCase(java.util.Locale.ROOT);
        if (!USERNAME.matcher(username).matches()) {
            throw new SignInRefusedException("The identity provider gave no usable user name ('" + who.username()
                    + "'): letters, digits and . _ - @, up to 100");
        }
        Optional<UserEntity> byName = users.findByUsername(username);
        UserEntity user = users.findExternal(who.origin(), who.externalId()).orElse(null);
        if (byName.isPresent() && (user == null || !byName.get().getId().equals(user.getId()))) {
            throw new SignInRefusedException("The console already has another user named " + username + " ("
                    + byName.get().getOrigin() + "): an admin must rename or remove it first");
        }
        boolean created = user == null;
        String displayName = who.displayName() == null || who.displayName().isBlank()
                ? username
                : who.displayName().strip();
        if (displayName.length() > 100) {
            displayName = displayName.substring(0, 100);
        }
        if (created) {
            user = new UserEntity(username, displayName, NO_PASSWORD, false, clock.instant());
            user.setExternal(who.origin(), who.externalId());
        } else {
            user.setUsername(username);
            user.setDisplayName(displayName);
        }
        boolean adminBefore = user.isSystemAdmin();
        user.setAdminGroups(String.join(", ", adminGroups));
        String named = limit(String.join(", ", groups), 2000);
        // The row is written only when something changed, or the last check is a minute old: a burst of sign-ins of
        // one person (a script's parallel calls) then reads, and does not queue on one row.
        Instant now = clock.instant();
        if (created
                || !named.equals(user.getExternalGroups())
                || user.getGroupsCheckedAt() == null
                || user.getGroupsCheckedAt().isBefore(now.minus(GROUPS_CHECK_PRECISION))) {
            user.setExternalGroups(named, now);
        }
        user = users.save(user);
        return new Account(
                user.getId(),
                user.getUsername(),
                user.getOrigin(),
                user.isEnabled(),
                user.isSystemAdmin(),
                adminBefore,
                created);
    }

    /**
     * The enabled users of {@code origin} holding an API token that still works: their roles must follow their groups
     * although they may never sign in again.
     */
    @Transactional(readOnly = true)
    public java.util.List<Known> tokenHoldersOf(String origin) {
        return users.findAllById(tokens.holdersOfLiveTokens()).stream()
                .filter(u -> origin.equals(u.getOrigin()) && u.isEnabled())
                .map(u -> new Known(u.getId(), u.getUsername(), u.getOrigin(), u.getExternalId()))
                .toList();
    }

    /** The principal a session or request carries for the user, read afresh. */
    @Transactional(readOnly = true)
    public Optional<ConsoleUserDetails> principal(long userId) {
        return users.findById(userId).map(UserEntity::toDetails);
    }

    /** The user lost every role: their API tokens are revoked (see {@link ApiTokenService#revokeAllOf}). */
    @Transactional(propagation = Propagation.MANDATORY)
    public int revokeTokens(long userId) {
        return tokens.revokeAllOf(userId);
    }

    private static String limit(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max - 1) + "…";
    }
}
