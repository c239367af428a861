package io.thingbus.sim.bench;

import picocli.CommandLine;

/** Runs {@code bench} on its own: {@code java -jar thingbus-sim.jar fanin --port 1883 ...}. */
public final class BenchMain {

    private BenchMain() {
    }

    public static void main(String[] args) {
        System.exit(new CommandLine(new BenchCommand()).execute(args));
    }
}
