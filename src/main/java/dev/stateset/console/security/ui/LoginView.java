package dev.stateset.console.security.ui;

import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.login.LoginForm;
import com.vaadin.flow.component.login.LoginI18n;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.server.VaadinSession;
import com.vaadin.flow.server.auth.AnonymousAllowed;
import dev.stateset.console.security.ExternalLoginMethod;
import dev.stateset.console.security.LoginPolicy;
import java.util.List;
import org.springframework.security.authentication.AccountStatusException;
import org.springframework.security.authentication.InternalAuthenticationServiceException;
import org.springframework.security.authentication.LockedException;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.web.WebAttributes;

@Route(value = "login", autoLayout = false)
@PageTitle("Log in · Stateset Console")
@AnonymousAllowed
public class LoginView extends VerticalLayout implements BeforeEnterObserver {

    private final LoginForm login = new LoginForm();

    public LoginView(LoginPolicy policy) {
        addClassName("login-view");
        setSizeFull();
        setAlignItems(Alignment.CENTER);
        setJustifyContentMode(JustifyContentMode.CENTER);
        login.setAction("login");
        login.setForgotPasswordButtonVisible(false);
        LoginI18n i18n = LoginI18n.createDefault();
        i18n.getErrorMessage().setTitle("Wrong username or password");
        i18n.getErrorMessage().setMessage("Check them and try again. Ask an admin if your account is disabled.");
        login.setI18n(i18n);
        add(new H1("Stateset Console"), new Paragraph("State of your Flink jobs: checkpoints and job snapshots."));
        // Single sign-on first: where it is configured, it is how most people come in. A plain link (the browser leaves
        // for the provider), not a route.
        for (ExternalLoginMethod method : policy.externalMethods()) {
            if (method.startPath() != null) {
                Anchor signIn = new Anchor(method.startPath().substring(1), "Sign in with " + method.label());
                signIn.setRouterIgnore(true);
                signIn.setId("sign-in-" + method.origin());
                signIn.addClassName("sso-sign-in");
                signIn.getElement().setAttribute("theme", "primary");
                add(signIn);
            }
        }
        List<String> directories = policy.externalMethods().stream()
                .filter(m -> m.startPath() == null)
                .map(ExternalLoginMethod::label)
                .toList();
        boolean passwords = policy.localPasswordLogin();
        if (passwords || !directories.isEmpty()) {
            if (!directories.isEmpty()) {
                Paragraph hint = new Paragraph("Your " + String.join(" or ", directories) + " name and password"
                        + (passwords ? ", or a console user's" : "") + ":");
                hint.setId("directory-hint");
                add(hint);
            }
            add(login);
        }
        getElement().setAttribute("role", "main"); // the page is its own main landmark: it has no shell around it
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        if (event.getLocation().getQueryParameters().getParameters().containsKey("error")) {
            // Spring Security keeps the last login failure in the HTTP session: say why when it was the throttle.
            Object failure = VaadinSession.getCurrent() == null
                    ? null
                    : VaadinSession.getCurrent().getSession().getAttribute(WebAttributes.AUTHENTICATION_EXCEPTION);
            if (failure instanceof LockedException locked) {
                explain("Login blocked", locked.getMessage());
            } else if (failure instanceof AccountStatusException refusedHere) {
                // The directory knew the password, and the console refuses them (no role, disabled): say why.
                explain("Signed in, but not let in", refusedHere.getMessage());
            } else if (failure instanceof InternalAuthenticationServiceException unanswered) {
                // The directory did not answer (down, hung, refused TLS): not a wrong password, so do not say so.
                explain("Cannot sign in right now", unanswered.getMessage());
            } else if (failure instanceof OAuth2AuthenticationException oauth) {
                // Back from the provider: refused here, or the provider's own error. Not the form's business.
                Paragraph refused = new Paragraph(
                        oauth.getError().getDescription() != null
                                ? oauth.getError().getDescription()
                                : oauth.getMessage());
                refused.setId("sign-in-refused");
                refused.addClassName("sign-in-refused");
                addComponentAtIndex(2, refused);
                return;
            }
            login.setError(true);
        }
    }

    /** The form's error box with this title and message instead of "Incorrect username or password". */
    private void explain(String title, String message) {
        LoginI18n i18n = LoginI18n.createDefault();
        i18n.getErrorMessage().setTitle(title);
        i18n.getErrorMessage().setMessage(message);
        login.setI18n(i18n);
    }
}
