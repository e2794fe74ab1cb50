package dev.stateset.console.security;

import java.security.SecureRandom;
import java.util.Base64;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * First start with an empty user table: creates {@code admin}, with the configured password or a random one
 * that is logged exactly once (the next start finds a user and does nothing).
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class BootstrapAdmin implements ApplicationRunner {

    static final String ADMIN_USERNAME = "admin";
    private static final Logger log = LoggerFactory.getLogger(BootstrapAdmin.class);

    private final UserService users;
    private final BootstrapProperties properties;

    BootstrapAdmin(UserService users, BootstrapProperties properties) {
        this.users = users;
        this.properties = properties;
    }

    @Override
    public void run(ApplicationArguments args) {
        if (users.anyUserExists()) {
            return;
        }
        String configured = properties.bootstrap().adminPassword();
        boolean generated = configured == null || configured.isBlank();
        String password = generated ? randomPassword() : configured;
        SystemIdentity.run(() -> users.create(new NewUser(ADMIN_USERNAME, "Administrator", password, true)));
        if (generated) {
            log.warn("""

                    ==============================================================
                     Created user 'admin' with generated password: {}
                     It is shown only this once. Set STATESET_BOOTSTRAP_ADMIN_PASSWORD
                     before the first start to choose it instead.
                    ==============================================================""", password);
        } else {
            log.info("Created user 'admin' with the password from stateset.bootstrap.admin-password");
        }
    }

    private static String randomPassword() {
        byte[] bytes = new byte[18];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
