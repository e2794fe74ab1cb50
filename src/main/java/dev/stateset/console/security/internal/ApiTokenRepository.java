package dev.stateset.console.security.internal;

import java.util.List;
import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;

public interface ApiTokenRepository extends JpaRepository<ApiTokenEntity, Long> {

    Optional<ApiTokenEntity> findByTokenHash(String tokenHash);

    List<ApiTokenEntity> findByUserIdOrderByCreatedAtDesc(Long userId);

    /** Users holding a token that is neither revoked nor expired at {@code now}. */
    @org.springframework.data.jpa.repository.Query(
            "select distinct t.userId from ApiTokenEntity t where t.revokedAt is null"
                    + " and (t.expiresAt is null or t.expiresAt > :now)")
    List<Long> holdersOfLiveTokens(java.time.Instant now);
}
