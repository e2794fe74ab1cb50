package dev.stateset.console.stateset.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stateset.console.base.InvalidInputException;
import dev.stateset.console.job.JobService;
import dev.stateset.console.security.SystemIdentity;
import dev.stateset.console.stateset.JobSnapshot;
import dev.stateset.console.stateset.SnapshotFormat;
import dev.stateset.console.stateset.SnapshotStatus;
import dev.stateset.console.stateset.SnapshotTrigger;
import dev.stateset.console.support.ControlledClockTest;
import dev.stateset.console.support.Demo;
import dev.stateset.console.workspace.WorkspaceService;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Pageable;
import org.springframework.data.domain.Sort;

/**
 * History pages read with plain SQL show exactly what the snapshot rows hold (every field as the entity maps it), in
 * the order asked for, filtered and counted.
 */
@ControlledClockTest
class SnapshotPagesTest {

    static final Instant T0 = Instant.parse("2026-12-01T08:00:00Z");

    @Autowired
    SnapshotPages pages;

    @Autowired
    SnapshotRepository snapshots;

    @Autowired
    JobService jobs;

    @Autowired
    WorkspaceService workspaces;

    long job;
    final List<JobSnapshot> saved = new ArrayList<>();

    @BeforeEach
    void snapshots() {
        Demo demo = Demo.find(workspaces, jobs);
        job = SystemIdentity.call(() -> jobs.create(
                        demo.workspaceId(),
                        Demo.idle("pages-" + UUID.randomUUID().toString().substring(0, 6), 1))
                .id());
        SnapshotStatus[] statuses = {
            SnapshotStatus.COMPLETED, SnapshotStatus.FAILED, SnapshotStatus.DELETED, SnapshotStatus.IN_PROGRESS
        };
        for (int i = 0; i < 7; i++) {
            SnapshotEntity s = new SnapshotEntity(
                    job,
                    i % 2 == 0 ? SnapshotTrigger.SCHEDULED : SnapshotTrigger.MANUAL,
                    i % 3 == 0 ? SnapshotFormat.NATIVE : SnapshotFormat.CANONICAL,
                    "snapshot " + i,
                    statuses[i % statuses.length],
                    "alice",
                    // created out of id order, so that sorting by time and by id differ
                    T0.plusSeconds(60L * ((i * 3) % 7)));
            s.setTriggerId(UUID.randomUUID().toString());
            if (i % 4 == 0) {
                s.setLocation("file:/snapshots/" + i);
                s.setSizeBytes(1000L * (7 - i));
                s.setCompletedAt(T0.plusSeconds(3600 + i));
                s.setDurationMs(120L + i);
            }
            if (i % 4 == 1) {
                s.setFailureCause("Flink said no " + i);
                s.setAttempts(2);
                s.setDueAt(T0.minusSeconds(i));
            }
            if (i % 4 == 2) {
                s.setDeletedBy("bob");
                s.setDeletedAt(T0.plusSeconds(7200));
                s.setDeleteReason("retention");
            }
            saved.add(snapshots.save(s).toRecord());
        }
    }

    @Test
    void a_page_holds_what_the_rows_hold_newest_first_by_default() {
        Page<JobSnapshot> page = pages.page(job, Set.of(), PageRequest.of(0, 50));

        List<JobSnapshot> expected = saved.stream()
                .sorted(Comparator.comparing(JobSnapshot::createdAt)
                        .thenComparing(JobSnapshot::id)
                        .reversed())
                .toList();
        assertThat(page.getContent()).containsExactlyElementsOf(expected);
        assertThat(page.getTotalElements()).isEqualTo(7);
    }

    @Test
    void sorts_by_each_column_the_history_grid_sorts_by() {
        assertThat(sorted(Sort.by("id"))).extracting(JobSnapshot::id).isSorted();
        assertThat(sorted(Sort.by(Sort.Order.desc("createdAt"))))
                .extracting(JobSnapshot::createdAt)
                .isSortedAccordingTo(Comparator.reverseOrder());
        assertThat(sorted(Sort.by("status", "id")))
                .extracting(s -> s.status().name())
                .isSorted();
        assertThat(sorted(Sort.by("trigger", "id")))
                .extracting(s -> s.trigger().name())
                .isSorted();
        assertThat(sorted(Sort.by(Sort.Order.asc("sizeBytes").nullsLast(), Sort.Order.asc("id"))))
                .extracting(JobSnapshot::sizeBytes)
                .filteredOn(size -> size != null)
                .isSorted();
    }

    @Test
    void filters_by_status_and_counts_beyond_the_page() {
        Page<JobSnapshot> completedOrFailed =
                pages.page(job, Set.of(SnapshotStatus.COMPLETED, SnapshotStatus.FAILED), PageRequest.of(0, 50));
        assertThat(completedOrFailed.getContent())
                .extracting(JobSnapshot::status)
                .containsOnly(SnapshotStatus.COMPLETED, SnapshotStatus.FAILED)
                .hasSize(4);

        Page<JobSnapshot> second = pages.page(job, Set.of(), PageRequest.of(1, 3));
        assertThat(second.getContent()).hasSize(3);
        assertThat(second.getTotalElements()).isEqualTo(7);
        assertThat(second.getTotalPages()).isEqualTo(3);
        assertThat(pages.page(job, Set.of(), PageRequest.of(0, 3)).getTotalElements())
                .as("a full first page is counted")
                .isEqualTo(7);
    }

    @Test
    void the_job_list_shows_the_newest_completion_and_bears_a_completed_row_without_one() {
        long other = SystemIdentity.call(() -> jobs.create(
                        Demo.find(workspaces, jobs).workspaceId(),
                        Demo.idle("pages-" + UUID.randomUUID().toString().substring(0, 6), 1))
                .id());
        SnapshotEntity timeless = new SnapshotEntity(
                other, SnapshotTrigger.EXTERNAL, SnapshotFormat.CANONICAL, "", SnapshotStatus.COMPLETED, "alice", T0);
        timeless.setTriggerId(UUID.randomUUID().toString());
        snapshots.save(timeless);

        var listed =
                SystemIdentity.call(() -> jobs.list(Demo.find(workspaces, jobs).workspaceId()));

        assertThat(listed.stream()
                        .filter(j -> j.id() == job)
                        .findFirst()
                        .orElseThrow()
                        .lastSnapshotAt())
                .isEqualTo(T0.plusSeconds(3600 + 4));
        assertThat(listed.stream()
                        .filter(j -> j.id() == other)
                        .findFirst()
                        .orElseThrow()
                        .lastSnapshotAt())
                .isNull();
    }

    @Test
    void an_unknown_sort_property_is_refused_in_plain_words() {
        assertThatThrownBy(() -> pages.page(job, Set.of(), PageRequest.of(0, 10, Sort.by("location; drop table x"))))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("cannot be sorted by");
    }

    private List<JobSnapshot> sorted(Sort sort) {
        Pageable all = PageRequest.of(0, 50, sort);
        return pages.page(job, Set.of(), all).getContent();
    }
}
