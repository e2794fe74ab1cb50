package dev.stateset.console.cron;

/** The five fields of the console's cron dialect, in order, with their ranges. */
public enum CronPart {
    MINUTE("minute", "Minute", 0, 59),
    HOUR("hour", "Hour", 0, 23),
    DAY("day", "Day of month", 1, 31),
    MONTH("month", "Month", 1, 12),
    WEEK("week", "Day of week", 1, 7);

    private final String key;
    private final String label;
    private final int min;
    private final int max;

    CronPart(String key, String label, int min, int max) {
        this.key = key;
        this.label = label;
        this.min = min;
        this.max = max;
    }

    /** The field's name in API errors: minute, hour, day, month or week. */
    public String key() {
        return key;
    }

    public String label() {
        return label;
    }

    public int min() {
        return min;
    }

    public int max() {
        return max;
    }
}
