package dev.stateset.console.stateset.ui;

import com.vaadin.flow.component.dependency.JavaScript;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.dom.Element;
import dev.stateset.console.stateset.SystemCheckpoint;
import elemental.json.Json;
import elemental.json.JsonArray;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Duration and full size of the last checkpoints, drawn by Chart.js (MIT), loaded from its WebJar by URL so that
 * no npm frontend build is involved.
 */
@JavaScript("context://webjars/chart.js/4.4.1/dist/chart.umd.js")
class CheckpointChart extends Div {

    private final Element canvas = new Element("canvas");
    /** What the browser's chart shows; none after a detach, when the browser drops the canvas. */
    private List<SystemCheckpoint> drawn;

    CheckpointChart() {
        addClassName("chart-box");
        setId("checkpoint-chart");
        canvas.setAttribute("aria-label", "Duration and size of the last checkpoints");
        canvas.setAttribute("role", "img");
        getElement().appendChild(canvas);
        addDetachListener(e -> drawn = null);
    }

    /**
     * Draws (or redraws) the chart; {@code checkpoints} newest first. The same checkpoints again send nothing (a
     * pushed refresh after a snapshot would otherwise send the script and its data to every open page).
     */
    void show(List<SystemCheckpoint> checkpoints) {
        if (checkpoints.equals(drawn)) {
            return;
        }
        drawn = List.copyOf(checkpoints);
        List<SystemCheckpoint> oldestFirst = new ArrayList<>(
                checkpoints.stream().filter(c -> c.duration() != null).toList());
        Collections.reverse(oldestFirst);
        JsonArray labels = Json.createArray();
        JsonArray durations = Json.createArray();
        JsonArray sizes = Json.createArray();
        for (int i = 0; i < oldestFirst.size(); i++) {
            SystemCheckpoint c = oldestFirst.get(i);
            labels.set(i, "#" + c.checkpointId());
            durations.set(i, c.duration() == null ? 0 : c.duration().toMillis());
            sizes.set(i, c.fullSize() / 1024.0);
        }
        canvas.executeJs("""
                const canvas = this;
                if (!window.Chart) { return; }
                if (canvas.$chart) { canvas.$chart.destroy(); }
                canvas.$chart = new Chart(canvas, {
                  type: 'bar',
                  data: { labels: $0, datasets: [
                    { label: 'Duration (ms)', data: $1, yAxisID: 'ms' },
                    { label: 'Full size (KiB)', data: $2, yAxisID: 'kib', type: 'line' } ] },
                  options: { responsive: true, maintainAspectRatio: false, animation: false,
                    scales: { ms: { position: 'left', beginAtZero: true, title: { display: true, text: 'ms' } },
                              kib: { position: 'right', beginAtZero: true, title: { display: true, text: 'KiB' },
                                     grid: { drawOnChartArea: false } } } }
                });""", labels, durations, sizes);
    }
}
