package dev.stateset.console.workspace.ui;

import java.util.Map;

/**
 * A column another feature adds to the workspace list (e.g. the storage its snapshots take), so that the workspace
 * feature shows it without depending on that feature.
 */
public interface WorkspaceListColumn {

    String header();

    /** The column's text by workspace id, for the workspaces the current user is a member of; read once per refresh. */
    Map<Long, String> values();
}
