package io.ledgerbench.operator.storage;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The storage decision on probe reports as captured on EC2 (sysfs pads models with spaces) and elsewhere. */
class StorageReportTest {

    /** i4i.xlarge, data on its one instance-store disk mounted by nvme-setup.sh. */
    private static final String I4I_INSTANCE_STORE = """
            device /dev/nvme1n1
            disk nvme1n1 Amazon EC2 NVMe Instance Storage\s
            """;
    /** The mount missing: hostPath DirectoryOrCreate made the directory on the root EBS volume's partition. */
    private static final String ROOT_EBS_VOLUME = """
            device /dev/nvme0n1p1
            disk nvme0n1 Amazon Elastic Block Store\s
            """;
    /** i4i.8xlarge: its two instance-store disks in RAID 0. */
    private static final String RAID_OF_INSTANCE_STORES = """
            device /dev/md0
            disk nvme1n1 Amazon EC2 NVMe Instance Storage
            disk nvme2n1 Amazon EC2 NVMe Instance Storage
            """;
    private static final String RAID_WITH_AN_EBS_MEMBER = """
            device /dev/md0
            disk nvme1n1 Amazon EC2 NVMe Instance Storage
            disk nvme3n1 Amazon Elastic Block Store
            """;
    /** A virtual machine's virtio disk: no model in sysfs. */
    private static final String VIRTIO_DISK = """
            device /dev/vda1
            disk vda unknown
            """;

    private static StorageReport parse(String message) {
        return StorageReport.parse(message).orElseThrow();
    }

    @Test
    void anInstanceStoreDiskIsInstanceStorage() {
        StorageReport report = parse(I4I_INSTANCE_STORE);
        assertThat(report.medium()).isEqualTo(StorageMedium.INSTANCE_STORE);
        assertThat(report.describe()).isEqualTo("/dev/nvme1n1: Amazon EC2 NVMe Instance Storage");
    }

    @Test
    void theRootEbsVolumeIsEbsThoughItIsAnNvmeDevice() {
        StorageReport report = parse(ROOT_EBS_VOLUME);
        assertThat(report.device()).contains("nvme");
        assertThat(report.medium()).isEqualTo(StorageMedium.EBS);
        assertThat(report.describe()).isEqualTo("/dev/nvme0n1p1 on nvme0n1: Amazon Elastic Block Store");
    }

    @Test
    void aRaidOfInstanceStoreDisksIsInstanceStorage() {
        StorageReport report = parse(RAID_OF_INSTANCE_STORES);
        assertThat(report.medium()).isEqualTo(StorageMedium.INSTANCE_STORE);
        assertThat(report.describe()).isEqualTo("/dev/md0 on nvme1n1, nvme2n1: Amazon EC2 NVMe Instance Storage");
    }

    @Test
    void aRaidWithOneEbsMemberIsNotInstanceStorage() {
        assertThat(parse(RAID_WITH_AN_EBS_MEMBER).medium()).isEqualTo(StorageMedium.EBS);
    }

    @Test
    void aDiskWithoutAModelIsUnidentified() {
        assertThat(parse(VIRTIO_DISK).medium()).isEqualTo(StorageMedium.UNKNOWN);
    }

    @Test
    void aFilesystemWithNoDiskUnderItIsUnidentified() {
        StorageReport report = parse("device overlay\n");
        assertThat(report.disks()).isEmpty();
        assertThat(report.medium()).isEqualTo(StorageMedium.UNKNOWN);
        assertThat(report.describe()).isEqualTo("overlay: no disk identified");
    }

    @Test
    void theDeviceAloneAsEarlierProbesWroteItIsUnidentified() {
        StorageReport report = parse("/dev/nvme1n1\n");
        assertThat(report.device()).isEqualTo("/dev/nvme1n1");
        assertThat(report.medium()).isEqualTo(StorageMedium.UNKNOWN);
    }

    @Test
    void anEmptyMessageIsNoReport() {
        assertThat(StorageReport.parse("  \n")).isEmpty();
        assertThat(StorageReport.parse(null)).isEmpty();
    }
}
