package dev.stateset.console.stateset.ui;

import static com.github.mvysny.kaributesting.v10.LocatorJ._assertNone;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.mvysny.kaributesting.v10.ButtonKt;
import com.github.mvysny.kaributesting.v10.GridKt;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.grid.Grid;
import dev.stateset.console.base.ui.AccessDeniedView;
import dev.stateset.console.job.JobService;
import dev.stateset.console.storage.SnapshotStorage;
import dev.stateset.console.support.Demo;
import dev.stateset.console.support.KaribuViewTest;
import dev.stateset.console.workspace.WorkspaceService;
import dev.stateset.console.workspace.WorkspaceSummary;
import dev.stateset.console.workspace.ui.WorkspacesView;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The orphan report page: snapshot directories without a record, for a workspace's editors; read-only. */
class OrphanReportViewTest extends KaribuViewTest {

    @Autowired
    WorkspaceService workspaces;

    @Autowired
    JobService jobs;

    @Autowired
    SnapshotStorage storage;

    Demo demo;

    @BeforeEach
    void findDemo() {
        demo = Demo.find(workspaces, jobs);
    }

    @Test
    void an_editor_sees_a_directory_no_snapshot_owns_and_nothing_is_deleted() throws Exception {
        // A savepoint directory of a job the console never recorded (e.g. a copy, or a crash before the record).
        Path stray = Path.of(URI.create(storage.snapshotDirectory(demo.workspaceId(), 999_999)))
                .resolve("savepoint-" + UUID.randomUUID());
        Files.createDirectories(stray);
        Files.writeString(stray.resolve("_metadata"), "stray");

        login("editor");
        navigate("workspaces");
        ButtonKt._click(orphanButton("editor").orElseThrow());
        OrphanReportView report = _get(OrphanReportView.class);
        awaitUi("the listing's answer", () -> !report.checking.isVisible());
        var rows = IntStream.range(0, GridKt._size(report.locations))
                .mapToObj(i -> GridKt._get(report.locations, i))
                .toList();
        assertThat(rows).anySatisfy(location -> assertThat(location).contains("/job-999999/" + stray.getFileName()));
        assertThat(report.problem.isVisible()).isFalse();

        ButtonKt._click(report.check);
        awaitUi("the listing's answer", () -> !report.checking.isVisible());
        assertThat(Files.exists(stray.resolve("_metadata")))
                .as("the report deletes nothing")
                .isTrue();
    }

    /** The "Orphan report" button in the demo workspace's row of the workspaces page, as the given user sees it. */
    private java.util.Optional<Button> orphanButton(String user) {
        login(user);
        navigate("");
        _get(WorkspacesView.class);
        @SuppressWarnings("unchecked")
        Grid<WorkspaceSummary> grid = _get(Grid.class);
        int row = IntStream.range(0, GridKt._size(grid))
                .filter(i -> GridKt._get(grid, i).id() == demo.workspaceId())
                .findFirst()
                .orElseThrow();
        var actions = (com.vaadin.flow.component.orderedlayout.HorizontalLayout)
                GridKt._getCellComponent(grid, row, "actions");
        return actions.getChildren()
                .filter(c -> c instanceof Button b && b.hasClassName("open-orphans"))
                .map(Button.class::cast)
                .findFirst();
    }

    @Test
    void a_viewer_is_refused_and_sees_no_link() {
        assertThat(orphanButton("viewer"))
                .as("Orphan report button for a viewer")
                .isEmpty();
        navigate("workspaces/" + demo.workspaceId() + "/orphans");
        _get(AccessDeniedView.class);
        _assertNone(OrphanReportView.class);
    }
}
