package dev.stateset.console.security;

import dev.stateset.console.audit.AuditLog;
import dev.stateset.console.base.FieldErrors;
import dev.stateset.console.base.InvalidInputException;
import dev.stateset.console.base.ResourceNotFoundException;
import dev.stateset.console.base.TimeDisplay;
import dev.stateset.console.security.internal.UserEntity;
import dev.stateset.console.security.internal.UserRepository;
import java.time.Clock;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Console users. Creating and changing users is for system admins; lookups by name are open to any logged-in
 * user because workspace owners add members by username.
 */
@Service
@Transactional
public class UserService {

    private static final Pattern USERNAME = Pattern.compile("[a-z][a-z0-9._-]{2,31}");
    private static final int MAX_DISPLAY_NAME = 100;

    private final UserRepository users;
    private final PasswordEncoder passwordEncoder;
    private final CurrentUser currentUser;
    private final AuditLog audit;
    private final Clock clock;

    private final ApiTokenService apiTokens;

    UserService(
            UserRepository users,
            PasswordEncoder passwordEncoder,
            CurrentUser currentUser,
            AuditLog audit,
            Clock clock,
            ApiTokenService apiTokens) {
        this.apiTokens = apiTokens;
        this.users = users;
        this.passwordEncoder = passwordEncoder;
        this.currentUser = currentUser;
        this.audit = audit;
        this.clock = clock;
    }

    @PreAuthorize("hasRole('ADMIN')")
    @Transactional(readOnly = true)
    public List<UserSummary> list() {
        return users.findAllByOrderByUsernameAsc().stream()
                .map(UserService::toSummary)
                .toList();
    }

    @PreAuthorize("hasRole('ADMIN')")
    @Transactional(readOnly = true)
    public UserSummary get(long userId) {
        return toSummary(load(userId));
    }

    /** The calling user as the users page shows them (their Profile). */
    @Transactional(readOnly = true)
    public UserSummary me() {
        return toSummary(load(currentUser.require().id()));
    }

    @PreAuthorize("hasRole('ADMIN')")
    public UserSummary create(NewUser draft) {
        UserSummary created = createValidated(draft);
        audit.record(
                null,
                "user.create",
                "user",
                created.id(),
                "username=" + created.username() + ", admin=" + created.admin());
        return created;
    }

    @PreAuthorize("hasRole('ADMIN')")
    public void setEnabled(long userId, boolean enabled) {
        UserEntity user = load(userId);
        if (!enabled && user.getId() == currentUser.require().id()) {
            throw InvalidInputException.of("enabled", "You cannot disable your own account");
        }
        if (!enabled && user.isSystemAdmin() && user.isEnabled() && users.countBySystemAdminTrueAndEnabledTrue() <= 1) {
            throw InvalidInputException.of("enabled", "The last enabled admin cannot be disabled");
        }
        user.setEnabled(enabled);
        apiTokens.forgetRememberedTokens();
        audit.record(null, enabled ? "user.enable" : "user.disable", "user", userId, "username=" + user.getUsername());
    }

    @PreAuthorize("hasRole('ADMIN')")
    public void setAdmin(long userId, boolean admin) {
        UserEntity user = load(userId);
        if (!admin
                && user.isSystemAdmin()
                && user.getAdminGroups() == null
                && user.isEnabled()
                && users.countBySystemAdminTrueAndEnabledTrue() <= 1) {
            throw InvalidInputException.of("admin", "The last enabled admin cannot lose the admin role");
        }
        user.setAdminDirect(admin);
        apiTokens.forgetRememberedTokens();
        audit.record(
                null,
                admin ? "user.grant-admin" : "user.revoke-admin",
                "user",
                userId,
                "username=" + user.getUsername());
    }

    @PreAuthorize("hasRole('ADMIN')")
    public void resetPassword(long userId, String newPassword) {
        UserEntity user = load(userId);
        if (!user.isLocal()) {
            throw InvalidInputException.of(
                    "password",
                    user.getUsername() + " signs in through " + user.getOrigin()
                            + ": the console keeps no password of theirs");
        }
        FieldErrors errors = new FieldErrors();
        PasswordPolicy.check(errors, "password", newPassword, user.getUsername());
        errors.throwIfAny();
        user.setPasswordHash(passwordEncoder.encode(newPassword));
        audit.record(null, "user.reset-password", "user", userId, "username=" + user.getUsername());
    }

    /** Any user changes their own password, proving the current one first. */
    public void changeOwnPassword(String currentPassword, String newPassword) {
        UserEntity user = load(currentUser.require().id());
        if (!user.isLocal()) {
            throw InvalidInputException.of(
                    "currentPassword", "You sign in through " + user.getOrigin() + ": change your password there");
        }
        FieldErrors errors = new FieldErrors();
        if (currentPassword == null || !passwordEncoder.matches(currentPassword, user.getPasswordHash())) {
            errors.add("currentPassword", "Current password is wrong");
        }
        PasswordPolicy.check(errors, "newPassword", newPassword, user.getUsername());
        errors.throwIfAny();
        user.setPasswordHash(passwordEncoder.encode(newPassword));
        audit.record(null, "user.change-password", "user", user.getId(), "username=" + user.getUsername());
    }

    /** The clock the calling user reads times on (their profile's choice). */
    @Transactional(readOnly = true)
    public TimeDisplay timeDisplay() {
        return load(currentUser.require().id()).getTimeDisplay();
    }

    public void setTimeDisplay(TimeDisplay choice) {
        if (choice == null) {
            throw InvalidInputException.of("timeDisplay", "Choose how times are shown");
        }
        load(currentUser.require().id()).setTimeDisplay(choice);
    }

    @Transactional(readOnly = true)
    public Optional<UserSummary> findByUsername(String username) {
        return username == null
                ? Optional.empty()
                : users.findByUsername(username.strip()).map(UserService::toSummary);
    }

    @Transactional(readOnly = true)
    public List<UserSummary> findAllById(Collection<Long> ids) {
        return users.findByIdIn(ids).stream().map(UserService::toSummary).toList();
    }

    @Transactional(readOnly = true)
    public boolean anyUserExists() {
        return users.count() > 0;
    }

    private UserSummary createValidated(NewUser draft) {
        FieldErrors errors = new FieldErrors();
        String username = draft.username() == null ? "" : draft.username().strip();
        if (username.isEmpty()) {
            errors.add("username", "Username is required");
        } else if (!USERNAME.matcher(username).matches()) {
            errors.add(
                    "username", "3–32 characters: lower-case letters, digits, '.', '_' or '-', starting with a letter");
        } else if (SystemIdentity.USERNAME.equals(username)) {
            errors.add("username", "'" + SystemIdentity.USERNAME + "' is reserved for the console's own actions");
        } else if (users.existsByUsername(username)) {
            errors.add("username", "A user with this name already exists");
        }
        String displayName = FieldErrors.clean(draft.displayName());
        if (displayName.length() > MAX_DISPLAY_NAME) {
            errors.add("displayName", "Display name must be at most " + MAX_DISPLAY_NAME + " characters");
        }
        PasswordPolicy.check(errors, "password", draft.password(), username);
        errors.throwIfAny();
        UserEntity saved = users.save(new UserEntity(
                username,
                displayName.isEmpty() ? username : displayName,
                passwordEncoder.encode(draft.password()),
                draft.admin(),
                clock.instant()));
        return toSummary(saved);
    }

    private UserEntity load(long userId) {
        return users.findById(userId).orElseThrow(() -> new ResourceNotFoundException("User"));
    }

    private static UserSummary toSummary(UserEntity u) {
        return new UserSummary(
                u.getId(),
                u.getUsername(),
                u.getDisplayName(),
                u.isSystemAdmin(),
                u.isEnabled(),
                u.getCreatedAt(),
                u.getOrigin(),
                u.isAdminDirect(),
                u.getAdminGroups(),
                u.getExternalGroups(),
                u.getGroupsCheckedAt());
    }
}
