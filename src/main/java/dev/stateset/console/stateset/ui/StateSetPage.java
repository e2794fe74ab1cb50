package dev.stateset.console.stateset.ui;

import com.vaadin.flow.component.Component;
import dev.stateset.console.job.JobService;
import dev.stateset.console.job.ui.JobPage;
import dev.stateset.console.stateset.StateSetService;

/** The job page with its State Set Management tabs wired to this package's three views. */
abstract class StateSetPage extends JobPage {

    protected final StateSetService stateSets;

    StateSetPage(JobService jobs, StateSetService stateSets) {
        super(jobs);
        this.stateSets = stateSets;
    }

    @Override
    protected Class<? extends Component> overviewRoute() {
        return OverviewView.class;
    }

    @Override
    protected Class<? extends Component> configurationRoute() {
        return ConfigurationView.class;
    }

    @Override
    protected Class<? extends Component> historyRoute() {
        return HistoryView.class;
    }
}
