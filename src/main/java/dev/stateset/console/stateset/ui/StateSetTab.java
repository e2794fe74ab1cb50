package dev.stateset.console.stateset.ui;

import com.vaadin.flow.component.HasElement;
import dev.stateset.console.job.JobDetails;

/** One tab of a job's State Set Management page, a child route of {@link StateSetLayout}. */
interface StateSetTab extends HasElement {

    /** Its name in the tab bar and in the page title. */
    String tabName();

    /** Draws the tab for the job; called on every navigation to it, after the page has read the job. */
    void show(JobDetails job, StateSetLayout page);

    /** The job's status or settings changed (another user, the status sync); tabs that show either redraw. */
    default void jobChanged(JobDetails job) {}

    /** The page title of a tab. */
    static String title(JobDetails job, String tab) {
        return (job == null ? "Job" : job.name()) + " · " + tab + " · Stateset Console";
    }
}
