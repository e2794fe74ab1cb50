package dev.stateset.console.identity.ldap;

import dev.stateset.console.security.ExternalAccounts;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;

/**
 * Directory users who use the API with tokens and never sign in again: their groups are searched again every
 * re-check interval, so their tokens carry the roles their groups give now, and stop working when none is left (the
 * same rule a session follows, DD015).
 */
public class DirectoryTokenHolders {

    private static final Logger log = LoggerFactory.getLogger(DirectoryTokenHolders.class);

    private final ExternalAccounts accounts;
    private final LdapDirectory directory;

    DirectoryTokenHolders(ExternalAccounts accounts, LdapDirectory directory) {
        this.accounts = accounts;
        this.directory = directory;
    }

    @Scheduled(
            fixedDelayString = "${stateset.security.session-recheck-interval:5m}",
            initialDelayString = "${stateset.security.session-recheck-interval:5m}")
    void recheck() {
        for (ExternalAccounts.Known holder : accounts.tokenHoldersOf(LdapDirectory.ORIGIN)) {
            try {
                directory.refresh(holder);
            } catch (RuntimeException e) {
                // The directory does not answer: keep what they have, ask again next time (as for sessions).
                log.warn("Could not re-check the groups of {}: {}", holder.username(), e.toString());
                return;
            }
        }
    }
}
