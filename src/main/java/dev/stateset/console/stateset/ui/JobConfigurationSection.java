package dev.stateset.console.stateset.ui;

import com.vaadin.flow.component.Component;
import dev.stateset.console.job.JobDetails;

/**
 * A section of a job's Configuration tab contributed by another feature (the snapshot policy), so that features
 * further up (policy → stateset) add to the tab without this package depending on them.
 */
public interface JobConfigurationSection {

    /** A fresh section for the job; it saves through its own feature's service. */
    Component create(JobDetails job);
}
