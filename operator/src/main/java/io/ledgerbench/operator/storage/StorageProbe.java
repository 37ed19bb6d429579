package io.ledgerbench.operator.storage;

/**
 * The shell script a database pod's storage-check init container runs: which block device holds the
 * data directory, which disks are under it (the device itself, a partition's disk, or a RAID's
 * members) and what each disk says it is (its model in sysfs). On Nitro instances EBS volumes are
 * NVMe devices too, so a device name proves nothing; the model tells instance storage from EBS.
 * The report goes to the termination message, where the operator reads it ({@link StorageReport}).
 * POSIX sh with df, awk, ls, readlink, basename and tr: in the postgres and tigerbeetle images alike.
 */
public final class StorageProbe {

    /** Where the script writes its report: the container's termination message. */
    public static final String REPORT_FILE = "/dev/termination-log";

    private StorageProbe() {
    }

    /**
     * The script for a data directory. {@code SYS} (the sysfs root) and {@code DEVICE} (instead of
     * asking df) may be set in the environment; only tests do.
     */
    public static String script(String dataPath) {
        return """
                SYS=${SYS:-/sys}
                device=${DEVICE:-$(df -P %s | awk 'NR==2 {print $1}')}
                echo "device $device"
                name=$(basename "$device")
                disk_of() { if [ -e "$SYS/class/block/$1/partition" ]; then basename "$(dirname "$(readlink -f "$SYS/class/block/$1")")"; else echo "$1"; fi; }
                if [ -n "$(ls "$SYS/class/block/$name/slaves" 2>/dev/null)" ]; then members=$(ls "$SYS/class/block/$name/slaves"); else members=$name; fi
                for member in $members; do
                  if [ -e "$SYS/class/block/$member" ]; then
                    disk=$(disk_of "$member")
                    model=$(tr -s ' ' < "$SYS/block/$disk/device/model" 2>/dev/null)
                    echo "disk $disk ${model:-unknown}"
                  fi
                done
                """.formatted(dataPath);
    }
}
