package dev.stateset.console.identity.internal;

import java.util.List;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;

public interface GroupMappingRepository extends JpaRepository<GroupMappingEntity, Long> {

    // Written out, not derived from the method name: see DD009.
    @Query("select m from GroupMappingEntity m where m.provider = :provider")
    List<GroupMappingEntity> findByProvider(String provider);

    @Query("select m from GroupMappingEntity m order by m.provider, m.groupName, m.id")
    List<GroupMappingEntity> findAllOrdered();
}
