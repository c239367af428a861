package io.thingbus.sim.bench.load;

import java.io.PrintWriter;
import java.util.Locale;

/** Prints one progress line per call to the terminal (stderr), or nothing when quiet. */
public final class ProgressPrinter {

    private final PrintWriter out;
    private final boolean enabled;

    public ProgressPrinter(PrintWriter out, boolean enabled) {
        this.out = out;
        this.enabled = enabled;
    }

    /** A line like {@code [measure 12s] sent 50,012/s ...}. */
    public void line(String phase, double elapsedSeconds, String status) {
        if (enabled) {
            out.printf(Locale.ROOT, "[%s %.0fs] %s%n", phase, elapsedSeconds, status);
            out.flush();
        }
    }

    /** A free-form note (a fallback taken, a phase skipped). */
    public void note(String message) {
        if (enabled) {
            out.println(message);
            out.flush();
        }
    }
}
