package dev.stateset.console.stateset.ui;

import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.mvysny.kaributesting.v10.ButtonKt;
import com.github.mvysny.kaributesting.v10.GridKt;
import dev.stateset.console.job.JobService;
import dev.stateset.console.support.Demo;
import dev.stateset.console.support.FaultInjectingStorage;
import dev.stateset.console.support.KaribuViewTest;
import dev.stateset.console.workspace.WorkspaceService;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** A storage that refuses the listing: the orphan report says so, instead of an empty (reassuring) list. */
class OrphanReportOutageViewTest extends KaribuViewTest {

    @Autowired
    WorkspaceService workspaces;

    @Autowired
    JobService jobs;

    @Autowired
    FaultInjectingStorage storage;

    @Test
    void a_refused_listing_is_shown_as_the_storage_error() {
        Demo demo = Demo.find(workspaces, jobs);
        login("editor");
        storage.failListings(true);
        try {
            navigate("workspaces/" + demo.workspaceId() + "/orphans");
            OrphanReportView report = _get(OrphanReportView.class);
            awaitUi("the listing's answer", () -> !report.checking.isVisible());
            assertThat(report.problem.isVisible()).isTrue();
            assertThat(report.problem.getText())
                    .startsWith("The storage could not be listed: ")
                    .contains("Access Denied");
            assertThat(GridKt._size(report.locations)).isZero();
        } finally {
            storage.failListings(false);
        }
        OrphanReportView report = _get(OrphanReportView.class);
        ButtonKt._click(report.check);
        awaitUi("the listing's answer", () -> !report.checking.isVisible());
        assertThat(report.problem.isVisible())
                .as("after the storage answers again")
                .isFalse();
    }
}
