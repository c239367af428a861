package io.thingbus.sim.bench.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class ProcessMemoryTest {

    @Test
    void readsVmRssInBytes() {
        String status = """
                Name:\tmosquitto
                VmPeak:\t   20000 kB
                VmRSS:\t    6144 kB
                Threads:\t1
                """;

        assertThat(ProcessMemory.parseVmRss(status)).hasValue(6144L * 1024);
    }

    @Test
    void noVmRssLineMeansNoFigure() {
        assertThat(ProcessMemory.parseVmRss("Name:\tkthreadd\nState:\tS (sleeping)\n")).isEmpty();
    }

    @Test
    void readsALiveProcess() {
        OptionalLong rss = new ProcessMemory(ProcessHandle.current().pid()).residentBytes();

        assertThat(rss).isPresent();
        assertThat(rss.getAsLong()).isPositive();
    }

    @Test
    void aVanishedProcessHasNoFigure() {
        assertThat(new ProcessMemory(Long.MAX_VALUE).residentBytes()).isEmpty();
    }
}
