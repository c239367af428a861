package io.thingbus.sim.bench.device;

import io.thingbus.sim.bench.client.ConnectIdentities;
import io.thingbus.sim.bench.load.ProgressPrinter;
import io.thingbus.sim.bench.report.Figure;
import io.thingbus.sim.bench.report.SetupReport;
import io.thingbus.sim.bench.scenario.IdentitySetup;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Readies device mode before the run: signs every device's token, then, given a registrar, registers
 * every device through the hub's provisioning endpoint and reports how long that took. A device
 * that could not be registered fails the setup, and the scenario does not run.
 */
public final class DeviceSetup implements IdentitySetup {

    private final List<DeviceFleet> fleets;
    private final DeviceSigner signer;
    private final ConnectIdentities others;
    private final Optional<DeviceRegistrar> registrar;

    /**
     * @param others how connections of roles without a fleet identify themselves
     * @param registrar empty when the devices are registered already
     */
    public DeviceSetup(List<DeviceFleet> fleets, DeviceSigner signer, ConnectIdentities others,
            Optional<DeviceRegistrar> registrar) {
        this.fleets = List.copyOf(fleets);
        this.signer = signer;
        this.others = others;
        this.registrar = registrar;
    }

    @Override
    public Prepared prepare(ProgressPrinter progress) {
        long start = System.nanoTime();
        DeviceIdentities identities = DeviceIdentities.sign(fleets, signer, others);
        progress.note(String.format(Locale.ROOT, "signed %,d device tokens in %.2f s", identities.deviceCount(),
                (System.nanoTime() - start) / 1e9));

        Map<String, String> parameters = new LinkedHashMap<>();
        parameters.put("identity", "device SAS");
        parameters.put("sasHostname", signer.hostname());
        parameters.put("devicePrefix", fleets.getFirst().prefix());
        List<Figure> figures = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        registrar.ifPresent(devices -> {
            List<String> ids = fleets.stream().flatMap(fleet -> fleet.deviceIds().stream()).toList();
            RegistrationOutcome outcome = devices.registerAll(ids, progress);
            progress.note(String.format(Locale.ROOT, "registered %,d devices (%,d of them before) in %.1f s",
                    outcome.registered() + outcome.alreadyRegistered(), outcome.alreadyRegistered(),
                    outcome.elapsedNanos() / 1e9));
            figures.addAll(outcome.figures());
            if (outcome.failed() > 0) {
                problems.add(String.format(Locale.ROOT, "%,d of %,d devices could not be registered (%s)",
                        outcome.failed(), outcome.requested(), outcome.describeFailures()));
            }
        });
        return new Prepared(identities, new SetupReport(parameters, figures, problems));
    }
}
