#!/bin/bash
# Runs on every database node before it joins the cluster (once per instance): puts the data
# directory of database pods with storage.type localNvme, /mnt/nvme/ledgerbench, on the instance's
# own NVMe disks. Every instance-store disk is used: one is formatted as it is, several (larger i4i
# sizes) become one RAID 0 array. fstab names the filesystem by UUID: NVMe device names may change
# across reboots, a UUID does not. (Instance storage survives a reboot, not a stop/start.)
#
# If this fails, kubelet still starts and the directory lands on the root EBS volume; the operator's
# storage check then fails every localNvme BenchmarkRun on that node with StorageCheckFailed, naming
# the EBS volume (see docs/cloud.md, Troubleshooting). Lines to look for in the system log: "ledgerbench:".
set -euo pipefail

# (The paths may be set from outside only for this script's own test.)
MOUNT_POINT=${MOUNT_POINT:-/mnt/nvme/ledgerbench}
FSTAB=${FSTAB:-/etc/fstab}
MDADM_CONF=${MDADM_CONF:-/etc/mdadm.conf}
RAID_DEVICE=${RAID_DEVICE:-/dev/md/ledgerbench}
INSTANCE_STORE_MODEL="Amazon EC2 NVMe Instance Storage"

mapfile -t DISKS < <(lsblk --nodeps --noheadings --paths --output NAME,MODEL \
  | awk -v model="$INSTANCE_STORE_MODEL" 'index($0, model) {print $1}' | sort)

if [ "${#DISKS[@]}" -eq 0 ]; then
  echo "ledgerbench: no instance-store NVMe disk on this node; is it an i4i instance?" >&2
  exit 1
fi

if [ "${#DISKS[@]}" -eq 1 ]; then
  DEVICE=${DISKS[0]}
else
  command -v mdadm >/dev/null || dnf install -y mdadm
  if [ ! -e "$RAID_DEVICE" ]; then
    mdadm --create "$RAID_DEVICE" --run --level=0 --raid-devices="${#DISKS[@]}" "${DISKS[@]}"
    mdadm --detail --scan >> "$MDADM_CONF"
  fi
  DEVICE=$RAID_DEVICE
fi

if ! blkid "$DEVICE" >/dev/null 2>&1; then
  mkfs.xfs -f "$DEVICE"
fi
UUID=$(blkid --match-tag UUID --output value "$DEVICE")
mkdir -p "$MOUNT_POINT"
if ! grep -q " $MOUNT_POINT " "$FSTAB"; then
  echo "UUID=$UUID $MOUNT_POINT xfs defaults,noatime,nofail 0 2" >> "$FSTAB"
fi
mountpoint -q "$MOUNT_POINT" || mount "$MOUNT_POINT"
chmod 0755 "$MOUNT_POINT"
echo "ledgerbench: ${DISKS[*]} (${#DISKS[@]} instance-store disk(s)) as $DEVICE, UUID=$UUID, mounted at $MOUNT_POINT"
