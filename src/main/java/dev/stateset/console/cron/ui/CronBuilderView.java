package dev.stateset.console.cron.ui;

import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import dev.stateset.console.base.ui.Breadcrumbs;
import dev.stateset.console.base.ui.MainLayout;
import dev.stateset.console.cron.CronPreviewService;
import jakarta.annotation.security.PermitAll;
import java.time.Clock;
import java.time.ZoneId;

/** A place to try schedules before using them: the cron builder with a time zone of choice. */
@Route(value = "tools/cron", layout = MainLayout.class)
@PageTitle("Cron builder · Stateset Console")
@PermitAll
public class CronBuilderView extends VerticalLayout {

    final CronField cron;
    final ComboBox<String> zone = new ComboBox<>("Time zone");

    CronBuilderView(CronPreviewService previews, Clock clock) {
        addClassName("cron-builder-view");
        cron = new CronField("Schedule", clock);
        cron.setValue("0 2 * * *");
        zone.setId("cron-zone");
        zone.setItems(ZoneId.getAvailableZoneIds().stream().sorted().toList());
        zone.setValue("UTC");
        zone.addValueChangeListener(e -> {
            if (e.getValue() != null) {
                cron.setZone(ZoneId.of(e.getValue()));
            }
        });
        add(
                new Breadcrumbs().current("Cron builder"),
                new H1("Cron builder"),
                new Paragraph(
                        "Schedules of automatic job snapshots use this five-field dialect: minute hour day-of-month "
                                + "month day-of-week (1 = Monday … 7 = Sunday). Pick a Quick Setting, click a field to edit it, or type."),
                zone,
                cron);
    }
}
