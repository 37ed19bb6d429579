package io.ledgerbench.operator.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The probe script run by sh, on this machine's own df and sysfs, and on sysfs trees laid out as an
 * i4i's: a whole disk, a partition of the root EBS volume, a RAID 0 of two instance-store disks.
 */
class StorageProbeTest {

    @TempDir
    Path sys;

    private static String run(String dataPath, Map<String, String> environment) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder("sh", "-c", StorageProbe.script(dataPath)).redirectErrorStream(true);
        builder.environment().putAll(environment);
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes());
        assertThat(process.waitFor()).as(output).isZero();
        return output;
    }

    /** A disk as sysfs shows it: /sys/block/<disk>/device/model and /sys/class/block/<disk> -> its device directory. */
    private Path disk(String name, String model) throws IOException {
        Path device = Files.createDirectories(sys.resolve("devices/nvme/" + name));
        Files.createDirectories(sys.resolve("block/" + name + "/device"));
        Files.writeString(sys.resolve("block/" + name + "/device/model"), model + "                    \n");
        Files.createDirectories(sys.resolve("class/block"));
        Files.createSymbolicLink(sys.resolve("class/block/" + name), device);
        return device;
    }

    private void partition(Path disk, String name) throws IOException {
        Path partition = Files.createDirectories(disk.resolve(name));
        Files.writeString(partition.resolve("partition"), "1\n");
        Files.createSymbolicLink(sys.resolve("class/block/" + name), partition);
    }

    private void raid(String name, String... members) throws IOException {
        Path raid = sys.resolve("devices/virtual/" + name);
        Path slaves = Files.createDirectories(raid.resolve("slaves"));
        for (String member : members) {
            Files.createSymbolicLink(slaves.resolve(member), sys.resolve("class/block/" + member));
        }
        Files.createSymbolicLink(sys.resolve("class/block/" + name), raid);
    }

    private StorageReport probe(String device) throws Exception {
        return StorageReport.parse(run("/data", Map.of("SYS", sys.toString(), "DEVICE", device))).orElseThrow();
    }

    @Test
    void aWholeInstanceStoreDiskIsNamedWithItsModel() throws Exception {
        disk("nvme1n1", StorageMedium.INSTANCE_STORE_MODEL);

        StorageReport report = probe("/dev/nvme1n1");

        assertThat(report.disks()).containsExactly(new StorageReport.Disk("nvme1n1", StorageMedium.INSTANCE_STORE_MODEL));
        assertThat(report.medium()).isEqualTo(StorageMedium.INSTANCE_STORE);
    }

    @Test
    void aPartitionIsTracedToItsDisk() throws Exception {
        partition(disk("nvme0n1", StorageMedium.EBS_MODEL), "nvme0n1p1");

        StorageReport report = probe("/dev/nvme0n1p1");

        assertThat(report.disks()).extracting(StorageReport.Disk::name).containsExactly("nvme0n1");
        assertThat(report.medium()).isEqualTo(StorageMedium.EBS);
    }

    @Test
    void aRaidIsTracedToEachOfItsMembers() throws Exception {
        disk("nvme1n1", StorageMedium.INSTANCE_STORE_MODEL);
        disk("nvme2n1", StorageMedium.INSTANCE_STORE_MODEL);
        raid("md0", "nvme1n1", "nvme2n1");

        StorageReport report = probe("/dev/md0");

        assertThat(report.disks()).extracting(StorageReport.Disk::name).containsExactlyInAnyOrder("nvme1n1", "nvme2n1");
        assertThat(report.medium()).isEqualTo(StorageMedium.INSTANCE_STORE);
    }

    @Test
    void onThisMachineItNamesTheDeviceDfReportsForTheDirectory(@TempDir Path data) throws Exception {
        Process df = new ProcessBuilder("df", "-P", data.toString()).start();
        String expected = new String(df.getInputStream().readAllBytes()).lines().skip(1).findFirst().orElseThrow()
                .split("\\s+")[0];

        StorageReport report = StorageReport.parse(run(data.toString(), Map.of())).orElseThrow();

        assertThat(report.device()).isEqualTo(expected);
    }
}
