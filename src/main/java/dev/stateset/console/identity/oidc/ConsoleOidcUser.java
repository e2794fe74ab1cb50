package dev.stateset.console.identity.oidc;

import dev.stateset.console.security.ConsoleUserDetails;
import java.util.Map;
import org.springframework.security.oauth2.core.oidc.OidcIdToken;
import org.springframework.security.oauth2.core.oidc.OidcUserInfo;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;

/**
 * A console user signed in through an OpenID Connect provider: the console's principal (what every service checks)
 * that is also the provider's OIDC user (what Spring Security's logout and token handling need).
 */
public class ConsoleOidcUser extends ConsoleUserDetails implements OidcUser {

    private final OidcIdToken idToken;
    private final OidcUserInfo userInfo;

    ConsoleOidcUser(ConsoleUserDetails user, OidcIdToken idToken, OidcUserInfo userInfo) {
        super(user.id(), user.getUsername(), "", user.isEnabled(), user.admin(), user.origin());
        this.idToken = idToken;
        this.userInfo = userInfo;
    }

    @Override
    public Map<String, Object> getClaims() {
        return idToken.getClaims();
    }

    @Override
    public OidcUserInfo getUserInfo() {
        return userInfo;
    }

    @Override
    public OidcIdToken getIdToken() {
        return idToken;
    }

    @Override
    public Map<String, Object> getAttributes() {
        return getClaims();
    }

    @Override
    public String getName() {
        return getUsername();
    }
}
