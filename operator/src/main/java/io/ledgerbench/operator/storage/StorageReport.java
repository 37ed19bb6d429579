package io.ledgerbench.operator.storage;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * What a database pod's storage probe found: the device holding its data directory and each disk
 * under it with its model. The data is on instance storage only when every one of those disks is.
 */
public record StorageReport(String device, List<Disk> disks) {

    /** One physical disk under the device, and the model it reports. */
    public record Disk(String name, String model) {

        public StorageMedium medium() {
            return StorageMedium.ofModel(model);
        }
    }

    public StorageReport {
        disks = List.copyOf(disks);
    }

    /** The report in a storage-check container's termination message; empty when there is none. */
    public static Optional<StorageReport> parse(String message) {
        if (message == null || message.isBlank()) {
            return Optional.empty();
        }
        String device = null;
        List<Disk> disks = new ArrayList<>();
        for (String line : message.strip().split("\n")) {
            String[] words = line.strip().split(" ", 3);
            if (words[0].equals("device") && words.length > 1) {
                device = words[1];
            } else if (words[0].equals("disk") && words.length > 1) {
                disks.add(new Disk(words[1], words.length > 2 ? words[2].strip() : "unknown"));
            } else if (device == null && words.length == 1) {
                device = words[0]; // an operator before the disk identity wrote only the device
            }
        }
        return device == null ? Optional.empty() : Optional.of(new StorageReport(device, disks));
    }

    /** Instance storage when every disk is; EBS when any is; unidentified when no disk reported a model. */
    public StorageMedium medium() {
        if (disks.isEmpty() || disks.stream().anyMatch(disk -> disk.medium() == StorageMedium.UNKNOWN)) {
            return StorageMedium.UNKNOWN;
        }
        if (disks.stream().allMatch(disk -> disk.medium() == StorageMedium.INSTANCE_STORE)) {
            return StorageMedium.INSTANCE_STORE;
        }
        return disks.stream().anyMatch(disk -> disk.medium() == StorageMedium.EBS) ? StorageMedium.EBS
                : StorageMedium.OTHER;
    }

    /** e.g. {@code /dev/md0 on nvme1n1, nvme2n1: Amazon EC2 NVMe Instance Storage}. */
    public String describe() {
        if (disks.isEmpty()) {
            return device + ": no disk identified";
        }
        String models = disks.stream().map(Disk::model).distinct().collect(Collectors.joining(" + "));
        boolean same = disks.size() == 1 && disks.getFirst().name().equals(device.replaceFirst("^/dev/", ""));
        return device + (same ? "" : " on " + disks.stream().map(Disk::name).collect(Collectors.joining(", ")))
                + ": " + models;
    }
}
