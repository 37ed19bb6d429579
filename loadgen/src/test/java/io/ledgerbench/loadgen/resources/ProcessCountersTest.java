package io.ledgerbench.loadgen.resources;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** /proc/[pid] files as captured from a PostgreSQL backend, parsed into counters. */
class ProcessCountersTest {

    /** A backend's stat line: the name holds spaces and parentheses; utime 1503, stime 1101, cutime 7, cstime 3. */
    static final String STAT = "19544 (postgres: postgres ledgerbench 127.0.0.1(54588) SELECT) S 19490 19490 19490 0 -1"
            + " 4194368 12014 0 0 0 1503 1101 7 3 20 0 1 0 1286881 241897472 9213 18446744073709551615 1 1 0 0 0 0"
            + " 4194304 19935232 1088 0 0 0 17 1 0 0 0 0 0";
    static final String STATUS = "Name:\tpostgres\nVmPeak:\t  236228 kB\nVmHWM:\t   36852 kB\nVmRSS:\t   36852 kB\n";
    static final String IO = "rchar: 2190939\nwchar: 37004328\nsyscr: 17043\nsyscw: 4022\nread_bytes: 8192\n"
            + "write_bytes: 4017537024\ncancelled_write_bytes: 4096\n";

    @Test
    void cpuIsTheProcessesAndItsReapedChildrensInSeconds() {
        ProcessCounters counters = ProcessCounters.parse(STAT, STATUS, IO);
        assertThat(counters.userSeconds()).isCloseTo(15.10, within(1e-9));
        assertThat(counters.systemSeconds()).isCloseTo(11.04, within(1e-9));
        assertThat(counters.cpuSeconds()).isCloseTo(26.14, within(1e-9));
    }

    @Test
    void storageCountersComeFromIoAndPeakMemoryFromStatus() {
        ProcessCounters counters = ProcessCounters.parse(STAT, STATUS, IO);
        assertThat(counters.readBytes()).isEqualTo(8192);
        assertThat(counters.writeBytes()).as("less what was truncated before it reached storage").isEqualTo(4017532928L);
        assertThat(counters.writeSyscalls()).isEqualTo(4022);
        assertThat(counters.peakResidentBytes()).isEqualTo(36852L * 1024);
    }

    @Test
    void theParentIsTheFieldAfterTheState() {
        assertThat(ProcessCounters.parentPid(STAT)).isEqualTo(19490);
    }

    @Test
    void sinceSubtractsTheEarlierReadingButKeepsTheLaterPeak() {
        ProcessCounters earlier = new ProcessCounters(1, 2, 10, 20, 3, 1000);
        ProcessCounters later = new ProcessCounters(4, 6, 15, 50, 8, 3000);
        assertThat(later.since(earlier)).isEqualTo(new ProcessCounters(3, 4, 5, 30, 5, 3000));
        assertThat(earlier.plus(later)).isEqualTo(new ProcessCounters(5, 8, 25, 70, 11, 4000));
    }
}
