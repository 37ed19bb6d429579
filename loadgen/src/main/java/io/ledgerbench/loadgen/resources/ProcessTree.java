package io.ledgerbench.loadgen.resources;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Reads a process and every process below it from a /proc file system: a PostgreSQL server is its
 * postmaster and one process per connection and background worker, all of which do its work.
 */
public final class ProcessTree {

    private final Path proc;

    public ProcessTree(Path proc) {
        this.proc = proc;
    }

    /** This machine's /proc. */
    public static ProcessTree ofThisMachine() {
        return new ProcessTree(Path.of("/proc"));
    }

    /** Ended, or a zombie nobody has reaped yet: either way it has stopped for good and holds nothing. */
    public static boolean hasEnded(ProcessHandle process) {
        if (!process.isAlive()) {
            return true;
        }
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(process.pid()), "stat"));
            // pid (comm) state ...: the state follows the last ')' (a command may contain one).
            return stat.charAt(stat.lastIndexOf(')') + 2) == 'Z';
        } catch (IOException | RuntimeException e) {
            return true; // gone between the two looks
        }
    }

    /** The root's and its descendants' counters, summed; empty when the root process is gone. */
    public Optional<ProcessCounters> counters(long rootPid) {
        Optional<ProcessCounters> root = read(rootPid);
        if (root.isEmpty()) {
            return Optional.empty();
        }
        ProcessCounters sum = root.get();
        for (long pid : descendants(rootPid)) {
            sum = sum.plus(read(pid).orElse(ProcessCounters.ZERO)); // one that ended meanwhile: its parent counts it
        }
        return Optional.of(sum);
    }

    /**
     * Resets the peak resident memory (VmHWM) of the root and its descendants to what each holds now
     * (proc(5): "5" to clear_refs), so that a later reading's peak is the window's. False where any
     * process could not be reset (not ours, or gone).
     */
    public boolean resetPeakMemory(long rootPid) {
        List<Long> pids = new ArrayList<>(descendants(rootPid));
        pids.add(rootPid);
        boolean all = true;
        for (long pid : pids) {
            try {
                Files.writeString(proc.resolve(Long.toString(pid)).resolve("clear_refs"), "5");
            } catch (IOException | RuntimeException e) {
                all = false;
            }
        }
        return all;
    }

    /** One process's counters; empty when it is gone (or not ours to read). */
    public Optional<ProcessCounters> read(long pid) {
        Path directory = proc.resolve(Long.toString(pid));
        try {
            return Optional.of(ProcessCounters.parse(Files.readString(directory.resolve("stat")),
                    Files.readString(directory.resolve("status")), Files.readString(directory.resolve("io"))));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    private List<Long> descendants(long rootPid) {
        Map<Long, List<Long>> children = new HashMap<>();
        try (Stream<Path> entries = Files.list(proc)) {
            entries.map(path -> path.getFileName().toString()).filter(name -> name.matches("\\d+")).forEach(name -> {
                try {
                    long parent = ProcessCounters.parentPid(Files.readString(proc.resolve(name).resolve("stat")));
                    children.computeIfAbsent(parent, key -> new ArrayList<>()).add(Long.parseLong(name));
                } catch (IOException | RuntimeException e) {
                    // ended while we looked
                }
            });
        } catch (IOException e) {
            return List.of();
        }
        List<Long> found = new ArrayList<>();
        Deque<Long> pending = new ArrayDeque<>(children.getOrDefault(rootPid, List.of()));
        while (!pending.isEmpty()) {
            long pid = pending.pop();
            found.add(pid);
            pending.addAll(children.getOrDefault(pid, List.of()));
        }
        return found;
    }
}
