package dev.stateset.console.security;

/**
 * A way to sign in other than a console password: an OpenID Connect provider (a button on the login page, {@code
 * startPath} begins its flow) or a directory (the login form checks passwords against it; no start path).
 *
 * @param origin    what users of this method are marked with ({@code ldap}, or the provider's registration id)
 * @param label     how the login page and the users page name it ("Keycloak", "Company directory")
 * @param startPath where the browser goes to sign in, or null when the login form is the way in
 */
public record ExternalLoginMethod(String origin, String label, String startPath) {}
