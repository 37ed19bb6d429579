#!/bin/bash
# Runs on every database node before it joins the cluster: formats the instance-store NVMe device
# (empty on every new instance) and mounts it at /mnt/nvme/ledgerbench, the directory database pods
# with storage.type localNvme keep their data in. The operator checks that each data directory is
# on an NVMe device and fails the BenchmarkRun (StorageCheckFailed) when it is not.
set -euo pipefail

MOUNT_POINT=/mnt/nvme/ledgerbench
DEVICE=$(lsblk --nodeps --noheadings --paths --output NAME,MODEL \
  | awk '/Amazon EC2 NVMe Instance Storage/ {print $1; exit}')

if [ -z "$DEVICE" ]; then
  echo "ledgerbench: no instance-store NVMe device on this node; is it an i4i instance?" >&2
  exit 1
fi

if ! blkid "$DEVICE" >/dev/null 2>&1; then
  mkfs.xfs -f "$DEVICE"
fi
mkdir -p "$MOUNT_POINT"
if ! grep -q " $MOUNT_POINT " /etc/fstab; then
  echo "$DEVICE $MOUNT_POINT xfs defaults,noatime,nofail 0 2" >> /etc/fstab
fi
mountpoint -q "$MOUNT_POINT" || mount "$MOUNT_POINT"
chmod 0755 "$MOUNT_POINT"
echo "ledgerbench: $DEVICE mounted at $MOUNT_POINT"
