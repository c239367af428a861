package io.thingbus.sim.bench.scenario;

import io.thingbus.sim.bench.load.MeasurementWindow;
import io.thingbus.sim.bench.report.Figure;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.OptionalLong;
import org.HdrHistogram.Histogram;

/**
 * What a publishing run measured in its window.
 *
 * @param due messages the schedules asked for inside the window
 * @param sentInWindow of those, the ones actually written
 * @param acknowledgedInWindow acknowledgements (PUBACK, PUBCOMP) that arrived inside the window; empty at QoS 0
 * @param arrivedInWindow deliveries that arrived inside the window
 * @param deliveredOfWindow deliveries of messages stamped inside the window, whenever they arrived
 * @param deliveriesPerMessage subscribers that should get each message
 * @param latency end-to-end latency of the messages stamped inside the window, nanoseconds
 * @param droppedConnections sessions the broker closed during the run
 * @param unstamped deliveries without a bench stamp (someone else publishing on the bench's topics)
 */
record MessagingOutcome(MeasurementWindow window, long due, long sentInWindow, OptionalLong acknowledgedInWindow,
        long arrivedInWindow,
        long deliveredOfWindow, long deliveriesPerMessage, Histogram latency, long droppedConnections,
        long unstamped) {

    /** Throughput, offered, published and (QoS 1/2) acknowledged rates, delivered share, then latency percentiles. */
    List<Figure> figures(String throughputName, String throughputUnit) {
        double seconds = window.seconds();
        List<Figure> figures = new ArrayList<>();
        figures.add(new Figure(throughputName, arrivedInWindow / seconds, throughputUnit, Figure.Better.HIGHER));
        figures.add(new Figure("offered", due / seconds, "msg/s", Figure.Better.NEITHER));
        figures.add(new Figure("published", sentInWindow / seconds, "msg/s", Figure.Better.HIGHER));
        acknowledgedInWindow.ifPresent(acknowledged ->
                figures.add(new Figure("acked", acknowledged / seconds, "msg/s", Figure.Better.HIGHER)));
        if (expectedDeliveries() > 0) {
            figures.add(new Figure("delivered", 100.0 * deliveredOfWindow / expectedDeliveries(), "%",
                    Figure.Better.HIGHER));
        }
        figures.addAll(LatencyFigures.of("", latency));
        return figures;
    }

    /** Why the run failed, if it did. */
    List<String> problems() {
        List<String> problems = new ArrayList<>();
        if (deliveredOfWindow == 0) {
            problems.add("no message sent in the measurement window was delivered");
        }
        if (droppedConnections > 0) {
            problems.add(droppedConnections + " connections were closed by the broker during the run");
        }
        return problems;
    }

    /** Shortfalls worth reporting that do not fail the run. */
    List<String> notes() {
        List<String> notes = new ArrayList<>();
        if (sentInWindow < due) {
            notes.add(String.format(Locale.ROOT,
                    "%,d of %,d scheduled messages were not sent: publishers were held back by the in-flight "
                            + "window or a full socket (their delay counts as latency)", due - sentInWindow, due));
        }
        if (unstamped > 0) {
            notes.add(String.format(Locale.ROOT, "%,d deliveries carried no bench stamp: someone else publishes "
                    + "on the bench's topics", unstamped));
        }
        long missing = expectedDeliveries() - deliveredOfWindow;
        if (missing > 0) {
            notes.add(String.format(Locale.ROOT, "%,d of %,d expected deliveries did not arrive before the drain ended",
                    missing, expectedDeliveries()));
        }
        return notes;
    }

    private long expectedDeliveries() {
        return sentInWindow * deliveriesPerMessage;
    }
}
