#!/bin/sh
# Install what stigcheck needs to build and test, on Debian 12, only when
# something is missing.  Used by `make deps`, `make check`, `make demo` and
# .ci/run.  Needs root (or sudo) only when it has something to install.
set -eu

# (for reference) what gets installed when missing:
# build: gcc make pkg-config libxml2-dev libxslt1-dev libyaml-dev libssl-dev
#        libpcre2-dev libsqlite3-dev libarchive-dev libjansson-dev libisal-dev
# tests: check clang libxml2-utils xsltproc openscap-scanner valgrind rpm
#        debootstrap busybox-static openssl chromium fonts-dejavu-core nodejs
#        npm mandoc man-db podman runc catatonit docker.io docker-registry time
#        npm python3-junitparser

missing=""
have_pc() { pkg-config --exists "$@" 2>/dev/null; }
command -v pkg-config >/dev/null 2>&1 || missing="$missing pkg-config"
command -v cc >/dev/null 2>&1 || missing="$missing gcc"
have_pc libxml-2.0 || missing="$missing libxml2-dev"
have_pc libxslt libexslt || missing="$missing libxslt1-dev"
have_pc yaml-0.1 || missing="$missing libyaml-dev"
have_pc 'libcrypto >= 3.0' || missing="$missing libssl-dev"
have_pc libpcre2-8 || missing="$missing libpcre2-dev"
have_pc sqlite3 || missing="$missing libsqlite3-dev"
have_pc libarchive || missing="$missing libarchive-dev"
have_pc jansson || missing="$missing libjansson-dev"
# --image: gzip layers are inflated by ISA-L (docs/images.md)
have_pc libisal || missing="$missing libisal-dev"
have_pc check || missing="$missing check"
command -v clang >/dev/null 2>&1 || missing="$missing clang"
command -v xmllint >/dev/null 2>&1 || missing="$missing libxml2-utils"
command -v xsltproc >/dev/null 2>&1 || missing="$missing xsltproc"
command -v oscap >/dev/null 2>&1 || missing="$missing openscap-scanner"
command -v valgrind >/dev/null 2>&1 || missing="$missing valgrind"
command -v rpmbuild >/dev/null 2>&1 || missing="$missing rpm"
command -v debootstrap >/dev/null 2>&1 || missing="$missing debootstrap"
# the container tests chroot into a fixture holding Debian's static busybox
dpkg-query -W -f='${Status}' busybox-static 2>/dev/null | grep -q 'ok installed' ||
	missing="$missing busybox-static"
command -v openssl >/dev/null 2>&1 || missing="$missing openssl"
# peak RSS in t1320 and make bench (GNU time)
[ -x /usr/bin/time ] || missing="$missing time"
# the HTML report test (headless Chromium) and the consumer tests (node)
command -v chromium >/dev/null 2>&1 || missing="$missing chromium"
[ -d /usr/share/fonts/truetype/dejavu ] || missing="$missing fonts-dejavu-core"
command -v node >/dev/null 2>&1 || missing="$missing nodejs"
command -v npm >/dev/null 2>&1 || missing="$missing npm"
# the man page test: mandoc's linter, man -l and lexgrog (man-db)
command -v mandoc >/dev/null 2>&1 || missing="$missing mandoc"
command -v lexgrog >/dev/null 2>&1 || missing="$missing man-db"
# the SSG data streams (t13xx: CPE platforms, differential tests vs oscap)
for p in ssg-debian ssg-debderived ssg-nondebian; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'ok installed' ||
		missing="$missing $p"
done
# --image podman:NAME (t4220) and the deploy test running the DaemonSet's
# pod template (t4710): podman with runc
command -v podman >/dev/null 2>&1 || missing="$missing podman"
command -v runc >/dev/null 2>&1 || missing="$missing runc"
# `podman kube play` (t4710) builds its pause image from catatonit
command -v catatonit >/dev/null 2>&1 || missing="$missing catatonit"
# the Docker test (t4900): a private dockerd (docker.io), and a registry
# on 127.0.0.1 (docker-registry) so an image has RepoDigests
command -v dockerd >/dev/null 2>&1 || missing="$missing docker.io"
command -v docker-registry >/dev/null 2>&1 || missing="$missing docker-registry"
# the JUnit output test (t6510) reads --junit with a real JUnit parser
/usr/bin/python3 -c 'import junitparser' 2>/dev/null ||
	missing="$missing python3-junitparser"
# evidence tests (t60xx): manifest and OSCAL checks with jq
command -v jq >/dev/null 2>&1 || missing="$missing jq"
# the HTML print test (t3320): the PDF read back with pdftotext
command -v pdftotext >/dev/null 2>&1 || missing="$missing poppler-utils"
# crypto inventory fixtures (tests/fixtures/crypto-plant.sh): Go programs
# built with Debian's golang (with and without BoringCrypto), Debian's
# OpenJDK java.security, python3's _ssl/_hashlib, static libcrypto.a
command -v go >/dev/null 2>&1 || missing="$missing golang-go"
[ -f /usr/lib/jvm/java-17-openjdk-amd64/conf/security/java.security ] ||
	missing="$missing openjdk-17-jre-headless"
[ -x /usr/bin/python3.11 ] || missing="$missing python3"

# make fuzz (part of make check): clang's libFuzzer runtime
ls /usr/lib/llvm-*/lib/clang/*/lib/linux/libclang_rt.fuzzer-x86_64.a >/dev/null 2>&1 ||
	missing="$missing libclang-rt-14-dev"

[ -z "$missing" ] && exit 0

echo "deps: installing:$missing" >&2
SUDO=""
if [ "$(id -u)" != 0 ]; then
	command -v sudo >/dev/null 2>&1 || {
		echo "deps: missing packages:$missing (run as root or install sudo)" >&2
		exit 1
	}
	SUDO=sudo
fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
# shellcheck disable=SC2086
$SUDO apt-get install -y -qq --no-install-recommends $missing >/dev/null
