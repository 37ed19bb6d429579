package io.ledgerbench.loadgen.resources;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A server's processes found under its root in a /proc laid out as Linux's, and summed. */
class ProcessTreeTest {

    @TempDir
    Path proc;

    private void process(long pid, long parent, long utime, long writeBytes) throws IOException {
        Path directory = Files.createDirectories(proc.resolve(Long.toString(pid)));
        Files.writeString(directory.resolve("stat"), pid + " (postgres: worker) S " + parent
                + " 1 1 0 -1 0 0 0 0 0 " + utime + " 0 0 0 20 0 1 0 1 1 1");
        Files.writeString(directory.resolve("status"), "VmHWM:\t  1000 kB\n");
        Files.writeString(directory.resolve("io"), "syscw: 1\nread_bytes: 0\nwrite_bytes: " + writeBytes + "\n");
    }

    @Test
    void theRootAndEveryDescendantAreSummedAndOthersLeftOut() throws IOException {
        process(100, 1, 100, 1000);   // the postmaster
        process(101, 100, 200, 2000); // a backend
        process(102, 100, 300, 3000); // the WAL writer
        process(103, 102, 50, 500);   // a child of a child
        process(200, 1, 9999, 99999); // another server

        ProcessCounters sum = new ProcessTree(proc).counters(100).orElseThrow();

        assertThat(sum.userSeconds()).isCloseTo(6.5, within(1e-9));
        assertThat(sum.writeBytes()).isEqualTo(6500);
        assertThat(sum.writeSyscalls()).isEqualTo(4);
    }

    @Test
    void aRootThatIsGoneHasNoCounters() throws IOException {
        process(101, 100, 200, 2000);
        assertThat(new ProcessTree(proc).counters(100)).isEmpty();
    }

    @Test
    void resettingPeakMemoryWritesFiveToEachProcessesClearRefs() throws IOException {
        process(100, 1, 100, 1000);
        process(101, 100, 200, 2000);
        process(200, 1, 9999, 99999);
        for (long pid : new long[] {100, 101, 200}) {
            Files.writeString(proc.resolve(pid + "/clear_refs"), "");
        }

        assertThat(new ProcessTree(proc).resetPeakMemory(100)).isTrue();

        assertThat(Files.readString(proc.resolve("100/clear_refs"))).isEqualTo("5");
        assertThat(Files.readString(proc.resolve("101/clear_refs"))).isEqualTo("5");
        assertThat(Files.readString(proc.resolve("200/clear_refs"))).as("another server").isEmpty();
    }

    @Test
    void aRealProcessesPeakFallsToItsCurrentMemoryWhenReset() throws Exception {
        // A process that touches 200 MiB, frees it, says so and waits.
        Process python = new ProcessBuilder("python3", "-c", "import sys\nb = bytearray(200 << 20)\nb[::4096] = b'x' * "
                + "len(b[::4096])\ndel b\nprint('freed', flush=True)\nsys.stdin.read()").start();
        try {
            assertThat(new String(python.getInputStream().readNBytes(6))).isEqualTo("freed\n");
            ProcessTree tree = ProcessTree.ofThisMachine();
            long before = tree.read(python.pid()).orElseThrow().peakResidentBytes();
            assertThat(before).isGreaterThan(200L << 20);

            assertThat(tree.resetPeakMemory(python.pid())).isTrue();

            assertThat(tree.read(python.pid()).orElseThrow().peakResidentBytes()).isLessThan(100L << 20);
        } finally {
            python.destroyForcibly().waitFor();
        }
    }

    @Test
    void thisProcessCanBeReadOnThisMachine() {
        assertThat(ProcessTree.ofThisMachine().read(ProcessHandle.current().pid())).isPresent()
                .hasValueSatisfying(counters -> assertThat(counters.cpuSeconds()).isPositive());
    }
}
