#!/usr/bin/env bash
# Builds and tests a fresh Spring Boot application (app/: Boot's BOM, nats-spring-boot-starter, web, test) in a
# temporary directory, outside the natsboot reactor, so it sees only what `mvn install` published: the starter must
# resolve and work under the Netty version of Boot's own BOM, with no native transport brought along.
# Run after `mvn -B -q install -DskipTests`. Extra arguments go to every mvn call (e.g. -Dmaven.repo.local=...).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"

work="$(mktemp -d "${TMPDIR:-/tmp}/natsboot-fresh-app.XXXXXX")"
trap 'rm -rf "$work"' EXIT
cp -R "$here/app/." "$work/"
cd "$work"

natsboot_version="$(sed -n '/<artifactId>natsboot-parent<\/artifactId>/{n;s:.*<version>\(.*\)</version>.*:\1:p;}' "$root/pom.xml")"
boot_version="$(sed -n 's:.*<spring-boot.version>\(.*\)</spring-boot.version>.*:\1:p' pom.xml)"
[ -n "$natsboot_version" ] && [ -n "$boot_version" ] || { echo "fresh-app: cannot read the versions" >&2; exit 1; }

# The Netty version Boot's BOM manages, read from the BOM itself.
mvn -B -q "$@" dependency:copy -Dartifact="org.springframework.boot:spring-boot-dependencies:$boot_version:pom" \
    -DoutputDirectory="$work/bom"
boot_netty="$(sed -n 's:.*<netty.version>\(.*\)</netty.version>.*:\1:p' "$work/bom/spring-boot-dependencies-$boot_version.pom")"
[ -n "$boot_netty" ] || { echo "fresh-app: no netty.version in Boot $boot_version's BOM" >&2; exit 1; }
echo "fresh-app: natsboot $natsboot_version, Spring Boot $boot_version, whose BOM manages Netty $boot_netty"

# What the application resolves: every io.netty artifact at the BOM's version, and no native epoll jar.
mvn -B -q "$@" -Dnatsboot.version="$natsboot_version" dependency:list -DincludeGroupIds=io.netty \
    -DoutputFile="$work/netty.txt" -DappendOutput=false
grep -E '^ *io\.netty:' "$work/netty.txt" | sed 's/^ *//' | sort > "$work/netty-resolved.txt"
cat "$work/netty-resolved.txt"
if [ ! -s "$work/netty-resolved.txt" ]; then
  echo "fresh-app: no io.netty artifact resolved" >&2; exit 1
fi
if grep -v ":$boot_netty" "$work/netty-resolved.txt" | grep -q .; then
  echo "fresh-app: Netty artifacts not at the BOM's $boot_netty:" >&2; grep -v ":$boot_netty" "$work/netty-resolved.txt" >&2
  exit 1
fi
if grep -q 'netty-transport-native-epoll\|netty-transport-classes-epoll' "$work/netty-resolved.txt"; then
  echo "fresh-app: the starter brought a native epoll jar; it must stay optional" >&2; exit 1
fi

# Build and test it; the test checks the Netty on its class path at run time too.
mvn -B "$@" -Dnatsboot.version="$natsboot_version" -Dboot.netty.version="$boot_netty" verify
echo "fresh-app: OK"
