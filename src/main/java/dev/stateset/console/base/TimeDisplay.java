package dev.stateset.console.base;

/**
 * Which clock a user reads times on. Every page follows one rule: times show in the workspace's zone with its
 * offset, or in UTC where a page is about no single workspace, unless the user's profile chose UTC or the
 * browser's zone for everything.
 */
public enum TimeDisplay {
    WORKSPACE,
    UTC,
    BROWSER
}
