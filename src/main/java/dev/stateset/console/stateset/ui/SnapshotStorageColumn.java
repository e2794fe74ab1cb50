package dev.stateset.console.stateset.ui;

import dev.stateset.console.base.ui.Formats;
import dev.stateset.console.stateset.StateSetService;
import dev.stateset.console.workspace.ui.WorkspaceListColumn;
import java.util.HashMap;
import java.util.Map;
import org.springframework.stereotype.Component;

/** The workspace list's "Snapshots stored" column: how many job snapshots each workspace keeps, and their bytes. */
@Component
class SnapshotStorageColumn implements WorkspaceListColumn {

    private final StateSetService stateSets;

    SnapshotStorageColumn(StateSetService stateSets) {
        this.stateSets = stateSets;
    }

    @Override
    public String header() {
        return "Snapshots stored";
    }

    @Override
    public Map<Long, String> values() {
        Map<Long, String> values = new HashMap<>();
        stateSets
                .storageByWorkspace()
                .forEach((workspace, totals) -> values.put(
                        workspace,
                        totals.snapshots()
                                + (totals.snapshots() == 1 ? " snapshot · " : " snapshots · ")
                                + Formats.bytes(totals.bytes())));
        return values;
    }
}
