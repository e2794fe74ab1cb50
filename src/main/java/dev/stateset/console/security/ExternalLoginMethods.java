package dev.stateset.console.security;

import java.util.List;

/** The ways in a feature provides (its providers, or its directory): the login page and the admin's pages list them. */
public interface ExternalLoginMethods {

    List<ExternalLoginMethod> methods();
}
