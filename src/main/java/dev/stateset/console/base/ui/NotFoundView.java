package dev.stateset.console.base.ui;

import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.ErrorParameter;
import com.vaadin.flow.router.HasErrorParameter;
import com.vaadin.flow.router.NotFoundException;
import com.vaadin.flow.router.ParentLayout;
import jakarta.annotation.security.PermitAll;
import jakarta.servlet.http.HttpServletResponse;

/**
 * One page for "does not exist" and "not yours": a forged URL to another workspace looks exactly like a
 * mistyped one, so it reveals nothing.
 */
@ParentLayout(MainLayout.class)
@com.vaadin.flow.router.PageTitle("Not found · Stateset Console")
@PermitAll
public class NotFoundView extends VerticalLayout implements HasErrorParameter<NotFoundException> {

    public NotFoundView() {
        addClassName("not-found-view");
        add(
                new H1("Not found"),
                new Paragraph("This page does not exist, or you are not a member of the workspace it belongs to."),
                new Anchor("", "Back to your workspaces"));
    }

    @Override
    public int setErrorParameter(BeforeEnterEvent event, ErrorParameter<NotFoundException> parameter) {
        return HttpServletResponse.SC_NOT_FOUND;
    }
}
