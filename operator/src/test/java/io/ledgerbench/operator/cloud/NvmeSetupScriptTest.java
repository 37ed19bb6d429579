package io.ledgerbench.operator.cloud;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The database nodes' boot script, run by bash with the node's tools replaced by recorders (lsblk
 * answers as an i4i's would; mkfs, mdadm and mount only note that they were called): which disks it
 * takes, how it names the filesystem in fstab, and that it stops with a reason on a node without any.
 */
class NvmeSetupScriptTest {

    private static final Path SCRIPT = EksTerraformTest.TERRAFORM.resolve("nvme-setup.sh");
    private static final String ROOT_EBS = "/dev/nvme0n1 Amazon Elastic Block Store";
    private static final String INSTANCE_STORE = " Amazon EC2 NVMe Instance Storage";

    @TempDir
    Path work;
    private Path calls;

    /** A fake command: notes its name and arguments, then runs body. */
    private void command(String name, String body) throws IOException {
        Path file = work.resolve("bin").resolve(name);
        Files.writeString(file, "#!/bin/bash\necho \"" + name + " $*\" >> " + calls + "\n" + body + "\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    @BeforeEach
    void fakeTheNodesTools() throws IOException {
        Files.createDirectories(work.resolve("bin"));
        calls = work.resolve("calls");
        Files.writeString(calls, "");
        command("blkid", "[[ \"$*\" == *--match-tag* ]] && echo 5b3e8f0c-uuid || exit 2");
        command("mkfs.xfs", "");
        command("mdadm", "[[ \"$1\" == --detail ]] && echo 'ARRAY /dev/md/ledgerbench metadata=1.2 UUID=aa:bb'; true");
        command("mountpoint", "exit 1");
        command("mount", "");
        command("dnf", "");
    }

    private record Outcome(int exitCode, String output, List<String> calls, String fstab) {
    }

    private Outcome boot(String... lsblkLines) throws IOException, InterruptedException {
        command("lsblk", "printf '%s\\n' " + String.join(" ", java.util.Arrays.stream(lsblkLines)
                .map(line -> "'" + line + "'").toList()));
        Path fstab = Files.writeString(work.resolve("fstab"), "UUID=root / xfs defaults 0 1\n");
        ProcessBuilder builder = new ProcessBuilder("bash", SCRIPT.toString()).redirectErrorStream(true);
        builder.environment().put("PATH", work.resolve("bin") + ":" + System.getenv("PATH"));
        builder.environment().put("MOUNT_POINT", work.resolve("mnt/nvme/ledgerbench").toString());
        builder.environment().put("FSTAB", fstab.toString());
        builder.environment().put("MDADM_CONF", work.resolve("mdadm.conf").toString());
        builder.environment().put("RAID_DEVICE", work.resolve("md-ledgerbench").toString());
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes());
        int exitCode = process.waitFor();
        return new Outcome(exitCode, output, Files.readAllLines(calls), Files.readString(fstab));
    }

    @Test
    void theOneInstanceStoreDiskOfAnXlargeIsFormattedAndMountedByUuid() throws Exception {
        Outcome boot = boot(ROOT_EBS, "/dev/nvme1n1" + INSTANCE_STORE);

        assertThat(boot.exitCode()).as(boot.output()).isZero();
        assertThat(boot.calls()).contains("mkfs.xfs -f /dev/nvme1n1").noneMatch(call -> call.startsWith("mdadm"))
                .noneMatch(call -> call.contains("nvme0n1"));
        assertThat(boot.fstab()).contains("UUID=5b3e8f0c-uuid " + work.resolve("mnt/nvme/ledgerbench") + " xfs")
                .doesNotContain("/dev/nvme");
        assertThat(boot.output()).contains("ledgerbench: /dev/nvme1n1 (1 instance-store disk(s))");
    }

    @Test
    void everyInstanceStoreDiskOfALargerSizeJoinsOneRaid0() throws Exception {
        Outcome boot = boot(ROOT_EBS, "/dev/nvme2n1" + INSTANCE_STORE, "/dev/nvme1n1" + INSTANCE_STORE);

        assertThat(boot.exitCode()).as(boot.output()).isZero();
        String raid = work.resolve("md-ledgerbench").toString();
        assertThat(boot.calls()).contains("mdadm --create " + raid + " --run --level=0 --raid-devices=2 /dev/nvme1n1"
                + " /dev/nvme2n1", "mkfs.xfs -f " + raid);
        assertThat(Files.readString(work.resolve("mdadm.conf"))).contains("ARRAY /dev/md/ledgerbench");
        assertThat(boot.fstab()).contains("UUID=5b3e8f0c-uuid ");
    }

    @Test
    void aNodeWithoutInstanceStorageStopsWithAReasonAndMountsNothing() throws Exception {
        Outcome boot = boot(ROOT_EBS);

        assertThat(boot.exitCode()).isEqualTo(1);
        assertThat(boot.output()).contains("ledgerbench: no instance-store NVMe disk on this node");
        assertThat(boot.calls()).noneMatch(call -> call.startsWith("mkfs") || call.startsWith("mount "));
        assertThat(boot.fstab()).isEqualTo("UUID=root / xfs defaults 0 1\n");
    }

    @Test
    void aSecondBootAddsNoSecondFstabLine() throws Exception {
        boot(ROOT_EBS, "/dev/nvme1n1" + INSTANCE_STORE);
        Path fstab = work.resolve("fstab");
        String afterFirst = Files.readString(fstab);
        // as the node's fstab stays: run again over it
        command("lsblk", "printf '%s\\n' '" + ROOT_EBS + "' '/dev/nvme1n1" + INSTANCE_STORE + "'");
        ProcessBuilder builder = new ProcessBuilder("bash", SCRIPT.toString()).redirectErrorStream(true);
        builder.environment().put("PATH", work.resolve("bin") + ":" + System.getenv("PATH"));
        builder.environment().put("MOUNT_POINT", work.resolve("mnt/nvme/ledgerbench").toString());
        builder.environment().put("FSTAB", fstab.toString());
        Process again = builder.start();
        again.getInputStream().readAllBytes();

        assertThat(again.waitFor()).isZero();
        assertThat(Files.readString(fstab)).isEqualTo(afterFirst);
    }
}
