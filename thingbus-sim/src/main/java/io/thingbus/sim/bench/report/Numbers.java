package io.thingbus.sim.bench.report;

import java.util.Locale;

/** Formats figures for people: thousands grouped, decimals only where they carry information. */
public final class Numbers {

    private Numbers() {
    }

    /** 123456.7 as "123,457", 12.345 as "12.3", 0.4567 as "0.457". */
    public static String format(double value) {
        double magnitude = Math.abs(value);
        if (magnitude >= 100 || value == Math.rint(value)) {
            return String.format(Locale.ROOT, "%,.0f", value);
        }
        if (magnitude >= 10) {
            return String.format(Locale.ROOT, "%.1f", value);
        }
        if (magnitude >= 1) {
            return String.format(Locale.ROOT, "%.2f", value);
        }
        return String.format(Locale.ROOT, "%.3f", value);
    }
}
