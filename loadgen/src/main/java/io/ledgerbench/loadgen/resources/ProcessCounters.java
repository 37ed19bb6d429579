package io.ledgerbench.loadgen.resources;

import java.util.HashMap;
import java.util.Map;

/**
 * What the kernel has counted for a process (or a process tree, summed) since it started: CPU
 * seconds in user and system mode (its reaped children's included), bytes it had read from and
 * sent to storage, its write system calls, and its peak resident memory (since it started, or since
 * {@link ProcessTree#resetPeakMemory}). From /proc/[pid]/stat, /proc/[pid]/io and /proc/[pid]/status.
 */
public record ProcessCounters(double userSeconds, double systemSeconds, long readBytes, long writeBytes,
                              long writeSyscalls, long peakResidentBytes) {

    /** Linux's clock ticks per second (USER_HZ) for the CPU fields of /proc/[pid]/stat: 100 on every platform it runs on. */
    static final double CLOCK_TICKS_PER_SECOND = 100;

    public static final ProcessCounters ZERO = new ProcessCounters(0, 0, 0, 0, 0, 0);

    public double cpuSeconds() {
        return userSeconds + systemSeconds;
    }

    /** The parent process id in a /proc/[pid]/stat line. */
    static long parentPid(String stat) {
        return Long.parseLong(fieldsAfterName(stat)[1]);
    }

    /**
     * Parses a process's three /proc files. CPU includes cutime and cstime: the CPU of children it has
     * reaped (PostgreSQL backends that ended), which /proc no longer shows anywhere else.
     */
    static ProcessCounters parse(String stat, String status, String io) {
        String[] fields = fieldsAfterName(stat);
        // Fields are numbered from 1 (pid) in proc(5); after the name, index 0 is field 3 (state).
        double user = (Long.parseLong(fields[11]) + Long.parseLong(fields[13])) / CLOCK_TICKS_PER_SECOND;
        double system = (Long.parseLong(fields[12]) + Long.parseLong(fields[14])) / CLOCK_TICKS_PER_SECOND;
        Map<String, Long> ioFields = keyValues(io);
        long peakKib = keyValues(status).getOrDefault("VmHWM", 0L);
        return new ProcessCounters(user, system, ioFields.getOrDefault("read_bytes", 0L),
                ioFields.getOrDefault("write_bytes", 0L) - ioFields.getOrDefault("cancelled_write_bytes", 0L),
                ioFields.getOrDefault("syscw", 0L), peakKib * 1024);
    }

    /** The sum over processes: peak memory adds up too (they were all resident at their peaks, at most). */
    public ProcessCounters plus(ProcessCounters other) {
        return new ProcessCounters(userSeconds + other.userSeconds, systemSeconds + other.systemSeconds,
                readBytes + other.readBytes, writeBytes + other.writeBytes, writeSyscalls + other.writeSyscalls,
                peakResidentBytes + other.peakResidentBytes);
    }

    /** What was counted between an earlier reading and this one; peak memory is this reading's. */
    public ProcessCounters since(ProcessCounters earlier) {
        return new ProcessCounters(userSeconds - earlier.userSeconds, systemSeconds - earlier.systemSeconds,
                readBytes - earlier.readBytes, writeBytes - earlier.writeBytes, writeSyscalls - earlier.writeSyscalls,
                peakResidentBytes);
    }

    /** The fields after "pid (name)": the name may hold spaces and parentheses, so split after the last ')'. */
    private static String[] fieldsAfterName(String stat) {
        return stat.substring(stat.lastIndexOf(')') + 2).strip().split(" ");
    }

    /** "name: value [kB]" lines (status and io) as name -> value. */
    private static Map<String, Long> keyValues(String text) {
        Map<String, Long> values = new HashMap<>();
        for (String line : text.split("\n")) {
            int colon = line.indexOf(':');
            if (colon > 0) {
                String[] value = line.substring(colon + 1).strip().split("\\s+");
                if (value.length > 0 && value[0].matches("\\d+")) {
                    values.put(line.substring(0, colon).strip(), Long.parseLong(value[0]));
                }
            }
        }
        return values;
    }
}
