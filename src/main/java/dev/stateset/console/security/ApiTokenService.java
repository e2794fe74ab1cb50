package dev.stateset.console.security;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.stateset.console.audit.AuditLog;
import dev.stateset.console.base.FieldErrors;
import dev.stateset.console.base.InvalidInputException;
import dev.stateset.console.base.ResourceNotFoundException;
import dev.stateset.console.security.internal.ApiTokenEntity;
import dev.stateset.console.security.internal.ApiTokenRepository;
import dev.stateset.console.security.internal.UserRepository;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Personal API tokens ({@code Authorization: Bearer sst_…}): a user creates and revokes their own. Only a SHA-256
 * hash is stored; a token carries exactly its user's roles, and a revoked, expired or disabled user's token is refused
 * on the very next request.
 */
@Service
@Transactional
public class ApiTokenService {

    static final String PREFIX = "sst_";
    private static final SecureRandom RANDOM = new SecureRandom();
    public static final int MAX_VALID_DAYS = 3650;

    private final ApiTokenRepository tokens;
    private final UserRepository users;
    private final CurrentUser currentUser;
    private final AuditLog audit;
    private final Clock clock;
    private final TransactionTemplate transactions;
    /**
     * Tokens recently authenticated (by their hash): a script reading in a loop costs one lookup of token and user per
     * {@link #REMEMBERED} instead of two queries per request (API benchmark). Revoking a token or changing a user here
     * forgets them at once; on another replica they are refused within {@link #REMEMBERED}.
     */
    private final Cache<String, Remembered> remembered = Caffeine.newBuilder()
            .expireAfterWrite(REMEMBERED)
            .maximumSize(10_000)
            .build();

    static final java.time.Duration REMEMBERED = java.time.Duration.ofSeconds(10);

    private record Remembered(ConsoleUserDetails user, Instant expiresAt) {}

    ApiTokenService(
            ApiTokenRepository tokens,
            UserRepository users,
            CurrentUser currentUser,
            AuditLog audit,
            Clock clock,
            TransactionTemplate transactions) {
        this.transactions = transactions;
        this.tokens = tokens;
        this.users = users;
        this.currentUser = currentUser;
        this.audit = audit;
        this.clock = clock;
    }

    /** A new token, returned in clear exactly once. */
    public record CreatedToken(ApiToken token, String secret) {}

    private static final java.time.Duration LAST_USE_PRECISION = java.time.Duration.ofMinutes(1);

    /** @param validDays null for a token that does not expire */
    public CreatedToken create(String name, Integer validDays) {
        ConsoleUser user = currentUser.require();
        FieldErrors errors = new FieldErrors().requireName("name", name);
        if (validDays != null && (validDays < 1 || validDays > MAX_VALID_DAYS)) {
            errors.add(
                    "validDays", "Validity must be between 1 and " + MAX_VALID_DAYS + " days (or empty for no expiry)");
        }
        errors.throwIfAny();
        byte[] bytes = new byte[24];
        RANDOM.nextBytes(bytes);
        String secret = PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        Instant now = clock.instant();
        ApiTokenEntity saved = tokens.save(new ApiTokenEntity(
                user.id(),
                name.strip(),
                hash(secret),
                secret.substring(0, 10),
                now,
                validDays == null ? null : now.plus(Duration.ofDays(validDays))));
        audit.record(
                null,
                "token.create",
                "token",
                saved.getId(),
                "name=" + saved.getName() + ", expires=" + saved.getExpiresAt());
        return new CreatedToken(toRecord(saved), secret);
    }

    @Transactional(readOnly = true)
    public List<ApiToken> mine() {
        return tokens.findByUserIdOrderByCreatedAtDesc(currentUser.require().id()).stream()
                .map(ApiTokenService::toRecord)
                .toList();
    }

    /** Revokes one of the caller's tokens; effective for the next request. */
    public void revoke(long tokenId) {
        ApiTokenEntity token = tokens.findById(tokenId)
                .filter(t -> t.getUserId() == currentUser.require().id())
                .orElseThrow(() -> new ResourceNotFoundException("Token"));
        if (token.getRevokedAt() != null) {
            throw InvalidInputException.of("token", "The token is already revoked");
        }
        token.setRevokedAt(clock.instant());
        forgetRememberedTokens();
        audit.record(null, "token.revoke", "token", tokenId, "name=" + token.getName());
    }

    /** The users holding a token that still works. */
    @Transactional(readOnly = true)
    List<Long> holdersOfLiveTokens() {
        return tokens.holdersOfLiveTokens(clock.instant());
    }

    /**
     * Revokes every live token of a user (the console's own decision: the user lost all roles); returns how many. In
     * the caller's transaction, which records why.
     */
    @Transactional(propagation = org.springframework.transaction.annotation.Propagation.MANDATORY)
    public int revokeAllOf(long userId) {
        Instant now = clock.instant();
        int revoked = 0;
        for (ApiTokenEntity token : tokens.findByUserIdOrderByCreatedAtDesc(userId)) {
            if (token.getRevokedAt() == null) {
                token.setRevokedAt(now);
                revoked++;
            }
        }
        if (revoked > 0) {
            forgetRememberedTokens();
        }
        return revoked;
    }

    /**
     * The user a presented token stands for, if it is valid now; records its last use (to the minute). A remembered
     * token opens no transaction (the class's default would open one per request).
     */
    @Transactional(propagation = Propagation.NOT_SUPPORTED)
    public Optional<ConsoleUserDetails> authenticate(String presented) {
        if (presented == null || !presented.startsWith(PREFIX)) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        String hash = hash(presented);
        Remembered known = remembered.getIfPresent(hash);
        if (known != null && (known.expiresAt() == null || known.expiresAt().isAfter(now))) {
            return Optional.of(known.user());
        }
        return transactions.execute(tx -> lookUp(hash, now));
    }

    private Optional<ConsoleUserDetails> lookUp(String hash, Instant now) {
        return tokens.findByTokenHash(hash)
                .filter(t -> t.getRevokedAt() == null
                        && (t.getExpiresAt() == null || t.getExpiresAt().isAfter(now)))
                .flatMap(t -> users.findById(t.getUserId())
                        .filter(u -> u.isEnabled())
                        .map(u -> {
                            // A minute is precise enough for "last used", and a script reading in a loop then costs one
                            // write a minute instead of one per request.
                            if (t.getLastUsedAt() == null
                                    || t.getLastUsedAt().isBefore(now.minus(LAST_USE_PRECISION))) {
                                t.setLastUsedAt(now);
                            }
                            ConsoleUserDetails details = u.toDetails(); // enabled: filtered above
                            remembered.put(hash, new Remembered(details, t.getExpiresAt()));
                            return details;
                        }));
    }

    /**
     * Forgets every remembered token once the caller's transaction commits (a token revoked, a user disabled or
     * changed): the next request of each looks its token and user up again.
     */
    void forgetRememberedTokens() {
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    remembered.invalidateAll();
                }
            });
        }
        remembered.invalidateAll(); // now as well: no request in between may pass on what was remembered before
    }

    private static ApiToken toRecord(ApiTokenEntity t) {
        return new ApiToken(
                t.getId(),
                t.getName(),
                t.getTokenPrefix(),
                t.getCreatedAt(),
                t.getExpiresAt(),
                t.getLastUsedAt(),
                t.getRevokedAt());
    }

    private static String hash(String secret) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
