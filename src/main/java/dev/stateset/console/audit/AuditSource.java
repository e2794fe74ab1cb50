package dev.stateset.console.audit;

/** Where an action came from: a browser session, the REST API, or the console itself (scheduler, start-up). */
public enum AuditSource {
    UI,
    API,
    SYSTEM
}
