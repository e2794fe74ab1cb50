package dev.stateset.console.security;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code stateset.security.*}: password hashing and the failed-login throttle.
 *
 * @param bcryptStrength               BCrypt cost of stored password hashes (tests, which create many users, lower it)
 * @param loginFailuresPerUser         failed logins of one account from one address within the window before that
 *                                     pair must wait
 * @param loginFailuresPerAddress      failed logins from one address within the window, whatever it also got right
 * @param loginFailuresBeforeSlowdown  failures of an account from addresses it never logged in from before each further
 *                                     attempt is slowed
 * @param loginMaxSlowdown             the longest such slowdown
 * @param loginFailureWindow           how far back failures count
 * @param sessionRecheckInterval       how often a signed-in session's user is read again (disabled, admin role taken
 *                                     back, groups left at the identity provider): at their next request after it
 * @param localLoginBreakGlass         lets local users sign in with their password although an admin turned that off
 *                                     (set it from the environment when the identity provider is down)
 */
@ConfigurationProperties(prefix = "stateset.security")
public record SecurityProperties(
        @DefaultValue("10") int bcryptStrength,
        @DefaultValue("10") int loginFailuresPerUser,
        @DefaultValue("50") int loginFailuresPerAddress,
        @DefaultValue("10") int loginFailuresBeforeSlowdown,
        @DefaultValue("1m") Duration loginMaxSlowdown,
        @DefaultValue("5m") Duration loginFailureWindow,
        @DefaultValue("5m") Duration sessionRecheckInterval,
        @DefaultValue("false") boolean localLoginBreakGlass) {}
