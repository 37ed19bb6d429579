package io.ledgerbench.operator.storage;

/** What a disk is, from the model it reports: the instance's own NVMe, an EBS volume, or something else. */
public enum StorageMedium {
    INSTANCE_STORE("instance storage"),
    EBS("EBS"),
    OTHER("not instance storage"),
    UNKNOWN("unidentified");

    /** The model every instance-store NVMe disk of EC2 Nitro instances (i4i included) reports. */
    public static final String INSTANCE_STORE_MODEL = "Amazon EC2 NVMe Instance Storage";
    /** The model EBS volumes report when attached as NVMe devices. */
    public static final String EBS_MODEL = "Amazon Elastic Block Store";

    private final String description;

    StorageMedium(String description) {
        this.description = description;
    }

    public static StorageMedium ofModel(String model) {
        String trimmed = model == null ? "" : model.strip();
        if (trimmed.isEmpty() || trimmed.equals("unknown")) {
            return UNKNOWN;
        }
        return trimmed.equals(INSTANCE_STORE_MODEL) ? INSTANCE_STORE : trimmed.equals(EBS_MODEL) ? EBS : OTHER;
    }

    public String description() {
        return description;
    }
}
