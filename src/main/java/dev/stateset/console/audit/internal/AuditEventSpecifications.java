package dev.stateset.console.audit.internal;

import dev.stateset.console.audit.AuditFilter;
import jakarta.persistence.criteria.Predicate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.springframework.data.jpa.domain.Specification;

/** The audit filter as one SQL WHERE clause, so that paging and counting happen in the database. */
public final class AuditEventSpecifications {

    private AuditEventSpecifications() {}

    /** @param workspaceScope the workspaces the caller may see, or {@code null} for all (including console-wide events) */
    public static Specification<AuditEventEntity> matching(AuditFilter filter, Set<Long> workspaceScope) {
        return (root, query, cb) -> {
            List<Predicate> where = new ArrayList<>();
            if (workspaceScope != null) {
                where.add(root.get("workspaceId").in(workspaceScope));
            }
            if (filter.workspaceId() != null) {
                where.add(cb.equal(root.get("workspaceId"), filter.workspaceId()));
            }
            if (filter.actor() != null) {
                where.add(cb.equal(root.get("actor"), filter.actor()));
            }
            if (filter.action() != null) {
                where.add(cb.or(
                        cb.equal(root.get("action"), filter.action()),
                        cb.like(root.get("action"), escapeLike(filter.action()) + ".%", '\\')));
            }
            if (filter.source() != null) {
                where.add(cb.equal(root.get("source"), filter.source().name()));
            }
            if (filter.from() != null) {
                where.add(cb.greaterThanOrEqualTo(root.get("occurredAt"), filter.from()));
            }
            if (filter.to() != null) {
                where.add(cb.lessThan(root.get("occurredAt"), filter.to()));
            }
            return cb.and(where.toArray(Predicate[]::new));
        };
    }

    private static String escapeLike(String text) {
        return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }
}
