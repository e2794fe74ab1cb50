package dev.stateset.console.stateset.rest;

import dev.stateset.console.stateset.StateBrowserService;
import dev.stateset.console.stateset.StateBrowserService.StateEntries;
import io.swagger.v3.oas.annotations.Operation;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/v1/workspaces/{ws}/jobs/{job}/snapshots/{id}/operators/{uidHash}/entries?state=…}: the keyed state
 * browser. The state's name is a query parameter: names may hold slashes, which paths refuse.
 */
@RestController
@RequestMapping("/api/v1/workspaces/{ws}/jobs/{job}/snapshots/{id}/operators/{uidHash}/entries")
class StateBrowserApi {

    private final StateBrowserService browser;

    StateBrowserApi(StateBrowserService browser) {
        this.browser = browser;
    }

    @Operation(
            summary = "Browse a keyed state of a snapshot",
            description = "Keys of one keyed value, list or map state with their values as text (scalars as they are,"
                    + " POJOs, Rows, lists and maps as JSON), in the snapshot's key-group order: offset/limit pages"
                    + " (limit at most 100, offset at most 10,000), or with key= the one key whose text matches."
                    + " Values are null, and valuesShown false, for viewers unless the workspace owner allows them."
                    + " 409 names a state the browser cannot read (Kryo-serialized types, TTL, windows); 503 when the"
                    + " browser is busy or the read ran out of time.")
    @GetMapping
    StateEntries entries(
            @PathVariable long ws,
            @PathVariable long job,
            @PathVariable long id,
            @PathVariable String uidHash,
            @RequestParam String state,
            @RequestParam(defaultValue = "0") int offset,
            @RequestParam(defaultValue = "50") int limit,
            @RequestParam(required = false) String key) {
        return key == null
                ? browser.page(ws, job, id, uidHash, state, offset, limit)
                : browser.lookup(ws, job, id, uidHash, state, key);
    }
}
