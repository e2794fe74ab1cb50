package dev.stateset.console.stateset;

import dev.stateset.console.audit.AuditLog;
import dev.stateset.console.base.FieldErrors;
import dev.stateset.console.base.ResourceNotFoundException;
import dev.stateset.console.engine.inspect.KeyedStateBrowser;
import dev.stateset.console.engine.inspect.KeyedStateBrowser.StateAddress;
import dev.stateset.console.engine.inspect.KeyedStateBrowser.StateEntry;
import dev.stateset.console.engine.inspect.KeyedStateBrowser.StatePage;
import dev.stateset.console.engine.inspect.SnapshotContentsReader.OperatorContents;
import dev.stateset.console.engine.inspect.SnapshotContentsReader.StateContents;
import dev.stateset.console.engine.inspect.SnapshotContentsReader.StateScope;
import dev.stateset.console.job.JobDetails;
import dev.stateset.console.job.JobService;
import dev.stateset.console.stateset.internal.SnapshotEntity;
import dev.stateset.console.workspace.WorkspaceService;
import java.util.List;
import java.util.regex.Pattern;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The keyed state browser: pages through one keyed value, list or map state of a completed snapshot, or looks up one
 * key. State can hold personal data, so values go to editors and owners, and to viewers only when the workspace's
 * owner allows it (otherwise viewers see keys, and values never leave the read). Every read is in the audit log.
 */
@Service
public class StateBrowserService {

    public static final int MAX_LIMIT = 100;
    /** Deeper pages re-read every key before them; past this, look a key up. */
    public static final int MAX_OFFSET = 10_000;

    private static final Pattern UID_HASH = Pattern.compile("[0-9a-f]{32}");

    /**
     * A page of a keyed state, in the snapshot's key-group order.
     *
     * @param operatorUid  the operator's uid when it has one
     * @param stateEntries how many entries the state holds (keys; map entries for map state) when the snapshot's format
     *                     tells (canonical savepoints), else null
     * @param entries     keys with their values as text (scalars as they are, the rest JSON); values null when not shown
     * @param more        whether keys follow this page
     * @param valuesShown false when the caller is a viewer and the owner keeps values from viewers
     */
    public record StateEntries(
            long snapshotId,
            String uidHash,
            String operatorUid,
            String stateName,
            String kind,
            Long stateEntries,
            int offset,
            List<StateEntry> entries,
            boolean more,
            boolean valuesShown) {}

    /** Whether the browser reads this state: keyed value, list or map state of types it can rebuild. */
    public static boolean browsable(StateContents state) {
        return state.notBrowsableReason() == null;
    }

    private final SnapshotContentsService contents;
    private final JobService jobs;
    private final WorkspaceService workspaces;
    private final KeyedStateBrowser browser;
    private final AuditLog audit;
    private final TransactionTemplate transactions;

    StateBrowserService(
            SnapshotContentsService contents,
            JobService jobs,
            WorkspaceService workspaces,
            KeyedStateBrowser browser,
            AuditLog audit,
            TransactionTemplate transactions) {
        this.contents = contents;
        this.jobs = jobs;
        this.workspaces = workspaces;
        this.browser = browser;
        this.audit = audit;
        this.transactions = transactions;
    }

    /** Keys {@code offset} to {@code offset + limit - 1} of the state, with their values when the caller may see them. */
    public StateEntries page(
            long workspaceId, long jobId, long snapshotId, String uidHash, String stateName, int offset, int limit) {
        FieldErrors errors = addressErrors(uidHash, stateName);
        if (offset < 0 || offset > MAX_OFFSET) {
            errors.add("offset", "Must be between 0 and " + MAX_OFFSET + "; look a key up to go further");
        }
        if (limit < 1 || limit > MAX_LIMIT) {
            errors.add("limit", "Must be between 1 and " + MAX_LIMIT);
        }
        errors.throwIfAny();
        Target target = target(workspaceId, jobId, snapshotId, uidHash, stateName);
        StatePage page = contents.withJobClasses(
                target.snapshot,
                (classes, jar) -> browser.page(target.address(classes, jar), offset, limit, target.valuesShown));
        record(target, "offset=" + offset + ", limit=" + limit);
        return target.entries(offset, page.entries(), page.more());
    }

    /** The key whose text is exactly {@code key}: one entry, or none when the state does not hold it. */
    public StateEntries lookup(
            long workspaceId, long jobId, long snapshotId, String uidHash, String stateName, String key) {
        FieldErrors errors = addressErrors(uidHash, stateName);
        if (key == null || key.isEmpty()) {
            errors.add("key", "Type the key as the browser shows it");
        } else if (key.length() > 1000) {
            errors.add("key", "At most 1000 characters");
        }
        errors.throwIfAny();
        Target target = target(workspaceId, jobId, snapshotId, uidHash, stateName);
        List<StateEntry> found = contents.withJobClasses(
                target.snapshot,
                (classes, jar) -> browser.lookup(target.address(classes, jar), key, target.valuesShown).stream()
                        .toList());
        // The key itself may be personal data: the audit says that one was looked up, not which.
        record(target, "lookup of one key, " + (found.isEmpty() ? "not found" : "found"));
        return target.entries(0, found, false);
    }

    private static FieldErrors addressErrors(String uidHash, String stateName) {
        FieldErrors errors = new FieldErrors();
        if (uidHash == null || !UID_HASH.matcher(uidHash).matches()) {
            errors.add("uidHash", "An operator's uid hash: 32 lowercase hex digits");
        }
        if (stateName == null || stateName.isBlank()) {
            errors.add("stateName", "Name a keyed state of the operator");
        } else if (stateName.length() > 500) {
            errors.add("stateName", "At most 500 characters");
        }
        return errors;
    }

    private record Target(
            long workspaceId,
            SnapshotEntity snapshot,
            String uidHash,
            String operatorUid,
            String stateName,
            String kind,
            Long entries,
            boolean valuesShown) {

        StateAddress address(ClassLoader classes, java.util.Optional<java.nio.file.Path> jar) {
            return new StateAddress(snapshot.getLocation(), uidHash, stateName, classes, jar);
        }

        StateEntries entries(int offset, List<StateEntry> read, boolean more) {
            return new StateEntries(
                    snapshot.getId(), uidHash, operatorUid, stateName, kind, entries, offset, read, more, valuesShown);
        }
    }

    /** The snapshot (the job's own, COMPLETED) and the keyed state in it, checked against its cached contents. */
    private Target target(long workspaceId, long jobId, long snapshotId, String uidHash, String stateName) {
        JobDetails job = jobs.get(workspaceId, jobId);
        SnapshotEntity snapshot = contents.completed(workspaceId, snapshotId, "snapshotId");
        if (snapshot.getJobId() != jobId) {
            throw new ResourceNotFoundException("Snapshot");
        }
        OperatorContents operator = contents.contentsOf(snapshot).operators().stream()
                .filter(o -> o.uidHash().equals(uidHash))
                .findFirst()
                .orElseThrow(() -> new ResourceNotFoundException("Operator"));
        StateContents state = operator.states().stream()
                .filter(s -> s.scope() == StateScope.KEYED && s.name().equals(stateName))
                .findFirst()
                .orElseThrow(() -> new ResourceNotFoundException("Keyed state"));
        boolean valuesShown =
                job.workspace().canEdit() || workspaces.settings(workspaceId).viewersSeeStateValues();
        return new Target(
                workspaceId, snapshot, uidHash, operator.uid(), stateName, state.kind(), state.entries(), valuesShown);
    }

    private void record(Target target, String what) {
        transactions.executeWithoutResult(status -> audit.record(
                target.workspaceId,
                "snapshot.state-browse",
                "snapshot",
                target.snapshot.getId(),
                "state=" + target.stateName + ", operator=" + target.uidHash + ", " + what + ", values="
                        + (target.valuesShown ? "shown" : "hidden")));
    }
}
