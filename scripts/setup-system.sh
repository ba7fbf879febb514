#!/usr/bin/env bash
# Installs the Debian packages LiverPlan's tests and preview need, skipping
# what is already there: Chromium (preview + e2e), Xvfb (headed runs), Orthanc
# with DICOMweb (a real PACS for tests), dcmtk and dicom3tools (validation),
# plastimatch and dcm2niix (reference tools for benchmarks), poppler (PDF pages).
set -euo pipefail
need=()
have() { command -v "$1" >/dev/null 2>&1; }
have chromium || need+=(chromium)
have Xvfb || need+=(xvfb)
have Orthanc || need+=(orthanc)
[ -e /usr/share/orthanc/plugins/libOrthancDicomWeb.so ] || ls /usr/share/orthanc/plugins/*DicomWeb* >/dev/null 2>&1 || need+=(orthanc-dicomweb)
have dcmdump || need+=(dcmtk)
have dciodvfy || need+=(dicom3tools)
have plastimatch || need+=(plastimatch)
have dcm2niix || need+=(dcm2niix)
have pdftoppm || need+=(poppler-utils)
if [ ${#need[@]} -gt 0 ]; then
  SUDO=""
  [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  echo "setup-system: installing ${need[*]}"
  $SUDO apt-get -o DPkg::Lock::Timeout=300 update -qq
  $SUDO apt-get -o DPkg::Lock::Timeout=300 install -y -qq "${need[@]}" >/dev/null
fi
# Orthanc's Debian package starts a system service on port 8042/4242; the tests
# start their own instances on free ports, so the system one is left alone.
echo "setup-system: ok"
