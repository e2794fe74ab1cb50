package dev.stateset.console.base.ui;

import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.HasElement;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.applayout.AppLayout;
import com.vaadin.flow.component.applayout.DrawerToggle;
import com.vaadin.flow.component.avatar.Avatar;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.contextmenu.MenuItem;
import com.vaadin.flow.component.html.Main;
import com.vaadin.flow.component.html.Nav;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.menubar.MenuBar;
import com.vaadin.flow.component.menubar.MenuBarVariant;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.sidenav.SideNav;
import com.vaadin.flow.component.sidenav.SideNavItem;
import com.vaadin.flow.server.VaadinSession;
import com.vaadin.flow.spring.security.AuthenticationContext;
import com.vaadin.flow.theme.lumo.Lumo;
import jakarta.annotation.security.PermitAll;
import java.util.Comparator;
import java.util.List;

/**
 * The console's shell: title, navigation, light/dark switch and the user menu with logout. Each part sits in its
 * landmark (banner, navigation, main) so that assistive technology can jump between them; AppLayout draws none.
 */
@PermitAll
public class MainLayout extends AppLayout {

    private static final String DARK_ATTRIBUTE = "stateset.dark";

    private final Main main = new Main();

    public MainLayout(AuthenticationContext authentication, List<NavigationEntry> entries) {
        String username = authentication.getPrincipalName().orElse("");
        setPrimarySection(Section.DRAWER);

        Span title = new Span("Stateset Console");
        title.addClassName("app-title");
        Nav drawer = new Nav(title, navigation(entries));
        drawer.getElement().setAttribute("aria-label", "Console");
        addToDrawer(drawer);
        main.addClassName("app-main");
        setContent(main);

        Button themeToggle = new Button(VaadinIcon.ADJUST.create(), e -> toggleDark());
        themeToggle.addThemeVariants(ButtonVariant.LUMO_TERTIARY);
        themeToggle.setAriaLabel("Switch between light and dark theme");
        themeToggle.setTooltipText("Light / dark");
        themeToggle.setId("theme-toggle");

        MenuBar userMenu = new MenuBar();
        userMenu.setId("user-menu");
        userMenu.addThemeVariants(MenuBarVariant.LUMO_TERTIARY_INLINE);
        Avatar avatar = new Avatar(username);
        avatar.addThemeVariants(com.vaadin.flow.component.avatar.AvatarVariant.LUMO_XSMALL);
        HorizontalLayout who = new HorizontalLayout(avatar, new Span(username));
        who.setAlignItems(FlexComponent.Alignment.CENTER);
        who.setSpacing(true);
        MenuItem root = userMenu.addItem(who);
        root.getSubMenu().addItem("Profile", e -> UI.getCurrent().navigate("profile"));
        root.getSubMenu().addItem("Log out", e -> authentication.logout()).setId("logout");

        HorizontalLayout header = new HorizontalLayout(new DrawerToggle(), new Span(), themeToggle, userMenu);
        header.getElement().setAttribute("role", "banner");
        header.addClassName("app-header");
        header.setWidthFull();
        header.setAlignItems(FlexComponent.Alignment.CENTER);
        header.expand(header.getComponentAt(1));
        addToNavbar(header);
    }

    private static SideNav navigation(List<NavigationEntry> entries) {
        SideNav nav = new SideNav();
        entries.stream()
                .filter(entry -> entry.visible().getAsBoolean())
                .sorted(Comparator.comparingInt(NavigationEntry::order))
                .forEach(entry -> nav.addItem(new SideNavItem(
                        entry.label(), entry.path(), entry.icon().create())));
        return nav;
    }

    /** The page goes into the main landmark, not straight into AppLayout's content area. */
    @Override
    public void showRouterLayoutContent(HasElement content) {
        main.getElement().removeAllChildren();
        if (content != null) {
            main.getElement().appendChild(content.getElement());
        }
    }

    /** Removes only the page that leaves: the router may call this after it has shown the next one. */
    @Override
    public void removeRouterLayoutContent(HasElement oldContent) {
        if (oldContent != null
                && main.getElement().equals(oldContent.getElement().getParent())) {
            main.getElement().removeChild(oldContent.getElement());
        }
    }

    @Override
    protected void onAttach(AttachEvent attachEvent) {
        super.onAttach(attachEvent);
        applyDark(
                attachEvent.getUI(),
                Boolean.TRUE.equals(VaadinSession.getCurrent().getAttribute(DARK_ATTRIBUTE)));
    }

    private void toggleDark() {
        boolean dark = !Boolean.TRUE.equals(VaadinSession.getCurrent().getAttribute(DARK_ATTRIBUTE));
        VaadinSession.getCurrent().setAttribute(DARK_ATTRIBUTE, dark);
        applyDark(UI.getCurrent(), dark);
    }

    private static void applyDark(UI ui, boolean dark) {
        ui.getElement().getThemeList().set(Lumo.DARK, dark);
    }
}
