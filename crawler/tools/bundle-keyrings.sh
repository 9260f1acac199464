#!/usr/bin/env bash
# Rebuilds the keyrings distrocompat ships (crawler/src/main/resources/org/distrocompat/crawler/trust/keyrings) from
# Debian's packages of the distros' public signing keys: distribution-gpg-keys (Fedora, CentOS, AlmaLinux, Rocky,
# Oracle Linux, openSUSE, Amazon Linux), ubuntu-keyring and debian-archive-keyring. Each output is a binary OpenPGP
# keyring; KEYS.md beside them lists every key's fingerprint and user id (the README's table is copied from it).
# Usage: bash bundle-keyrings.sh DIR   where DIR holds the three packages unpacked (dpkg-deb -x PKG.deb DIR).
set -euo pipefail
src="${1:?usage: bundle-keyrings.sh UNPACKED_PACKAGES_DIR}"
out="$(cd "$(dirname "$0")/.." && pwd)/src/main/resources/org/distrocompat/crawler/trust/keyrings"
keys="$src/usr/share/distribution-gpg-keys"
export GNUPGHOME="$(mktemp -d)"
trap 'rm -rf "$GNUPGHOME"' EXIT
mkdir -p "$out"
bundle() { # name files...
  local name=$1
  shift
  rm -f "$out/$name.gpg"
  gpg --batch --quiet --no-default-keyring --keyring "$GNUPGHOME/$name.kbx" --import "$@" 2>/dev/null
  gpg --batch --no-default-keyring --keyring "$GNUPGHOME/$name.kbx" --export >"$out/$name.gpg"
}
fedora=()
for n in $(seq 20 47); do fedora+=("$keys/fedora/RPM-GPG-KEY-fedora-$n-primary"); done
bundle fedora "${fedora[@]}" "$keys/fedora/RPM-GPG-KEY-fedora-rawhide-primary"
bundle centos "$keys/centos/RPM-GPG-KEY-CentOS-7" "$keys/centos/RPM-GPG-KEY-CentOS-7-aarch64" \
  "$keys/centos/RPM-GPG-KEY-CentOS-SIG-AltArch-7-ppc64le" "$keys/centos/RPM-GPG-KEY-CentOS-Official" \
  "$keys/centos/RPM-GPG-KEY-CentOS-Official-SHA256"
bundle almalinux "$keys/alma/RPM-GPG-KEY-AlmaLinux-8" "$keys/alma/RPM-GPG-KEY-AlmaLinux-9" \
  "$keys/alma/RPM-GPG-KEY-AlmaLinux-10"
bundle rockylinux "$keys/rocky/RPM-GPG-KEY-Rocky-8" "$keys/rocky/RPM-GPG-KEY-Rocky-9" "$keys/rocky/RPM-GPG-KEY-Rocky-10"
bundle oraclelinux "$keys/oraclelinux/RPM-GPG-KEY-oracle-ol7" "$keys/oraclelinux/RPM-GPG-KEY-oracle-ol8" \
  "$keys/oraclelinux/RPM-GPG-KEY-oracle-ol9" "$keys/oraclelinux/RPM-GPG-KEY-oracle-ol10"
bundle opensuse "$keys/opensuse/RPM-GPG-KEY-openSUSE" "$keys/opensuse/RPM-GPG-KEY-openSUSE-2022" \
  "$keys/opensuse/RPM-GPG-KEY-openSUSE-Tumbleweed" "$keys/opensuse/RPM-GPG-KEY-openSUSE-Leap-SLE"
bundle amazonlinux "$keys/amazon-linux/RPM-GPG-KEY-amazon-linux-2" "$keys/amazon-linux/RPM-GPG-KEY-amazon-linux-2023"
bundle ubuntu-archive-keyring "$src/usr/share/keyrings/ubuntu-archive-keyring.gpg"
bundle debian-archive-keyring "$src/usr/share/keyrings/debian-archive-keyring.gpg"
bundle debian-archive-removed-keys "$src/usr/share/keyrings/debian-archive-removed-keys.gpg"
{
  echo "| keyring | fingerprint | user id |"
  echo "|---|---|---|"
  for f in "$out"/*.gpg; do
    gpg --batch --with-colons --no-default-keyring --keyring "$f" --fingerprint 2>/dev/null | awk -F: -v k="$(basename "$f")" '
      $1 == "pub" { want = 1; next }
      $1 == "fpr" && want { fpr = $10; want = 0; next }
      $1 == "uid" && fpr != "" { gsub(/\\x3a/, ":", $10); printf "| bundled:%s | %s | %s |\n", k, fpr, $10; fpr = "" }'
  done
} >"$out/KEYS.md"
wc -l "$out/KEYS.md"
