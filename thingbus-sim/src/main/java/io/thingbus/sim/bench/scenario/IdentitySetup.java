package io.thingbus.sim.bench.scenario;

import io.thingbus.sim.bench.client.ConnectIdentities;
import io.thingbus.sim.bench.load.ProgressPrinter;
import io.thingbus.sim.bench.report.SetupReport;

/**
 * Readies what a run's connections present in their CONNECT, before the scenario starts, so that
 * the work never throttles a connect-rate measurement: nothing for shared credentials; signing a
 * token per device and registering the devices in device mode.
 */
@FunctionalInterface
public interface IdentitySetup {

    /** The identities, and what readying them measured. Runs on the control thread, bounded in time. */
    Prepared prepare(ProgressPrinter progress);

    /** Identities that need no preparation. */
    static IdentitySetup ready(ConnectIdentities identities) {
        return progress -> new Prepared(identities, SetupReport.NONE);
    }

    /** The identities a run uses and the report of readying them. */
    record Prepared(ConnectIdentities identities, SetupReport report) {
    }
}
