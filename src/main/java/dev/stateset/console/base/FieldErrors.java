package dev.stateset.console.base;

import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Collects per-field validation messages; {@link #throwIfAny()} raises them together so that a form shows
 * every problem at once and nothing is written while any remains.
 */
public final class FieldErrors {

    public static final int MAX_NAME_LENGTH = 64;
    public static final int MAX_DESCRIPTION_LENGTH = 500;

    private final Map<String, String> errors = new LinkedHashMap<>();

    public FieldErrors add(String field, String message) {
        errors.putIfAbsent(field, message);
        return this;
    }

    public boolean has(String field) {
        return errors.containsKey(field);
    }

    /** A required, trimmed name of at most {@value #MAX_NAME_LENGTH} characters. */
    public FieldErrors requireName(String field, String value) {
        if (value == null || value.isBlank()) {
            add(field, "Name is required");
        } else if (value.strip().length() > MAX_NAME_LENGTH) {
            add(field, "Name must be at most " + MAX_NAME_LENGTH + " characters");
        }
        return this;
    }

    public FieldErrors limitDescription(String field, String value) {
        if (value != null && value.strip().length() > MAX_DESCRIPTION_LENGTH) {
            add(field, "Description must be at most " + MAX_DESCRIPTION_LENGTH + " characters");
        }
        return plainText(field, value);
    }

    /**
     * Refuses control characters (NUL, ESC: they corrupt logs and terminals) and the invisible characters that reorder
     * or hide text (bidi overrides and isolates, zero-width joiners): shown in a grid or the audit log, they make a
     * description say something other than what is stored. Line breaks and tabs are fine.
     */
    public FieldErrors plainText(String field, String value) {
        if (value == null) {
            return this;
        }
        for (int i = 0; i < value.length(); i = value.offsetByCodePoints(i, 1)) {
            int c = value.codePointAt(i);
            if (c == '\n' || c == '\r' || c == '\t') {
                continue;
            }
            int type = Character.getType(c);
            if (type == Character.CONTROL
                    || type == Character.FORMAT
                    || type == Character.SURROGATE
                    || type == Character.PRIVATE_USE
                    || type == Character.UNASSIGNED
                    || c == 0x2028
                    || c == 0x2029) {
                add(
                        field,
                        String.format("Contains the invisible character U+%04X at position %d; remove it", c, i + 1));
                break;
            }
        }
        return this;
    }

    public FieldErrors requireTimeZone(String field, String value) {
        if (value == null || value.isBlank()) {
            add(field, "Time zone is required");
            return this;
        }
        try {
            ZoneId.of(value.strip());
        } catch (DateTimeException e) {
            add(field, "Unknown time zone '" + value.strip() + "' (use an IANA name such as Europe/Berlin)");
        }
        return this;
    }

    /** How far into a list a page may start: beyond this no list of the console reaches, and offsets stay far from overflow. */
    public static final int MAX_PAGE_OFFSET = 10_000_000;

    /** A page of a list: {@code page} from 0, {@code size} from 1 to {@code maxSize}. */
    public FieldErrors checkPage(int page, int size, int maxSize) {
        if (page < 0) {
            add("page", "Must be 0 or more");
        } else if ((long) page * Math.max(size, 1) > MAX_PAGE_OFFSET) {
            add("page", "Must be at most " + MAX_PAGE_OFFSET / Math.max(size, 1) + " for pages of " + size);
        }
        if (size < 1 || size > maxSize) {
            add("size", "Must be between 1 and " + maxSize);
        }
        return this;
    }

    public void throwIfAny() {
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
    }

    /** Trims a value and maps null to the empty string, the stored form of optional text. */
    public static String clean(String value) {
        return value == null ? "" : value.strip();
    }
}
