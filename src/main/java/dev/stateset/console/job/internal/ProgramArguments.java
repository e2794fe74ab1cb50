package dev.stateset.console.job.internal;

import java.util.ArrayList;
import java.util.List;

/** Splits a job's argument line like a shell would for simple cases: spaces separate, quotes group. */
public final class ProgramArguments {

    private ProgramArguments() {}

    public static List<String> split(String line) {
        List<String> args = new ArrayList<>();
        if (line == null) {
            return args;
        }
        StringBuilder current = new StringBuilder();
        char quote = 0;
        boolean inToken = false;
        for (char c : line.toCharArray()) {
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                } else {
                    current.append(c);
                }
            } else if (c == '"' || c == '\'') {
                quote = c;
                inToken = true;
            } else if (Character.isWhitespace(c)) {
                if (inToken) {
                    args.add(current.toString());
                    current.setLength(0);
                    inToken = false;
                }
            } else {
                current.append(c);
                inToken = true;
            }
        }
        if (inToken) {
            args.add(current.toString());
        }
        return args;
    }
}
