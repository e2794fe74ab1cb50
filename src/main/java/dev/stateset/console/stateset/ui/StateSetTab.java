package dev.stateset.console.stateset.ui;

import com.vaadin.flow.component.HasElement;
import com.vaadin.flow.router.HasDynamicTitle;
import dev.stateset.console.job.JobDetails;

/** One tab of a job's State Set Management page, a child route of {@link StateSetLayout}. */
interface StateSetTab extends HasElement, HasDynamicTitle {

    /** Its name in the tab bar and in the page title. */
    String tabName();

    /** Draws the tab for the job; called on every navigation to it, after the page has read the job. */
    void show(JobDetails job, StateSetLayout page);

    /** The job's status or settings changed (another user, the status sync); tabs that show either redraw. */
    default void jobChanged(JobDetails job) {}

    /** The job it shows; null until the layout has shown it. */
    JobDetails job();

    @Override
    default String getPageTitle() {
        return (job() == null ? "Job" : job().name()) + " · " + tabName() + " · Stateset Console";
    }
}
