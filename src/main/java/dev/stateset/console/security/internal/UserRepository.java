package dev.stateset.console.security.internal;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;

public interface UserRepository extends JpaRepository<UserEntity, Long> {

    Optional<UserEntity> findByUsername(String username);

    boolean existsByUsername(String username);

    List<UserEntity> findAllByOrderByUsernameAsc();

    List<UserEntity> findByIdIn(Collection<Long> ids);

    long countBySystemAdminTrueAndEnabledTrue();

    @org.springframework.data.jpa.repository.Query(
            "select u from UserEntity u where u.origin = :origin and u.externalId = :externalId")
    Optional<UserEntity> findExternal(String origin, String externalId);
}
