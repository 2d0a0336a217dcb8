#!/usr/bin/env python3
"""Memory per idle client connection, natsboot beside nats-server (issue 10).

Starts each server as a process on a free port, opens N client connections (CONNECT, PING, wait for PONG on each,
then silence), and reports the server's resident memory before and after, per connection. For natsboot it also
reports the heap after a full GC (jcmd GC.run, GC.heap_info) and Netty's pooled direct memory in use (/varz is not
asked: the figures come from the JVM itself). Linux only (reads /proc/<pid>/status).

    python3 bench/idle_connections.py --count 10000

needs: nats-server on the PATH, nats-server/target/nats-server.jar (mvn -B -q -pl nats-server -am -DskipTests
package), jcmd from the JDK, and an open-files limit above the count (ulimit -n).
"""
import argparse
import os
import re
import shutil
import socket
import subprocess
import sys
import time

CONNECT = b'CONNECT {"verbose":false,"pedantic":false,"protocol":1,"headers":true,"no_responders":true}\r\nPING\r\n'


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for_port(port, timeout=30):
    deadline = time.time() + timeout
    while time.time() < deadline:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1) as s:
                s.recv(4096)
                return
        except OSError:
            time.sleep(0.1)
    raise SystemExit(f"server on port {port} did not answer within {timeout} s")


def rss_kib(pid):
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    raise SystemExit(f"no VmRSS for {pid}")


def open_idle(port, count):
    """count logged-in, silent client connections (each has had its PONG)."""
    conns = []
    for i in range(count):
        s = socket.create_connection(("127.0.0.1", port), timeout=10)
        s.sendall(CONNECT)
        got = b""
        while b"PONG\r\n" not in got:
            chunk = s.recv(65536)
            if not chunk:
                raise SystemExit(f"connection {i} closed by the server: {got[-200:]!r}")
            got += chunk
        conns.append(s)
    return conns


def jvm_heap_used_kib(pid):
    subprocess.run(["jcmd", str(pid), "GC.run"], check=True, capture_output=True)
    out = subprocess.run(["jcmd", str(pid), "GC.heap_info"], check=True, capture_output=True, text=True).stdout
    m = re.search(r"used (\d+)K", out)
    return int(m.group(1)) if m else -1


def jvm_direct_kib(pid):
    # the JDK's own count of direct ByteBuffers plus Netty's (which allocates without the JDK's accounting)
    out = subprocess.run(["jcmd", str(pid), "VM.native_memory", "summary"], capture_output=True, text=True).stdout
    m = re.search(r"- +Other \(reserved=\d+KB, committed=(\d+)KB\)", out)
    return int(m.group(1)) if m else -1


def measure(name, command, port, count, jvm):
    proc = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        wait_for_port(port)
        time.sleep(2)
        heap0 = jvm_heap_used_kib(proc.pid) if jvm else None
        direct0 = jvm_direct_kib(proc.pid) if jvm else None
        rss0 = rss_kib(proc.pid)
        start = time.time()
        conns = open_idle(port, count)
        took = time.time() - start
        time.sleep(2)
        heap1 = jvm_heap_used_kib(proc.pid) if jvm else None
        direct1 = jvm_direct_kib(proc.pid) if jvm else None
        rss1 = rss_kib(proc.pid)
        alive = proc.poll() is None
        for s in conns:
            s.close()
        line = (f"{name:12} {count} connections in {took:.1f} s, server {'up' if alive else 'DEAD'}; "
                f"RSS {rss0 / 1024:.1f} -> {rss1 / 1024:.1f} MiB = {(rss1 - rss0) * 1024 / count:,.0f} B per connection")
        if jvm:
            line += (f"; heap after full GC {heap0 / 1024:.1f} -> {heap1 / 1024:.1f} MiB = "
                     f"{(heap1 - heap0) * 1024 / count:,.0f} B per connection")
            if direct0 >= 0:
                line += (f"; direct/other native {direct0 / 1024:.1f} -> {direct1 / 1024:.1f} MiB = "
                         f"{(direct1 - direct0) * 1024 / count:,.0f} B per connection")
        print(line, flush=True)
    finally:
        proc.terminate()
        proc.wait(timeout=30)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=10000)
    parser.add_argument("--natsboot-jar", default="nats-server/target/nats-server.jar")
    parser.add_argument("--natsboot-jvm-args", default="-XX:+UseG1GC -Xms1g -Xmx1g -XX:NativeMemoryTracking=summary")
    parser.add_argument("--nats-server-bin", default=shutil.which("nats-server") or "/usr/sbin/nats-server")
    args = parser.parse_args()
    if not os.path.exists(args.natsboot_jar):
        raise SystemExit(f"no {args.natsboot_jar}: build it first")
    port = free_port()
    measure("natsboot", ["java", *args.natsboot_jvm_args.split(), "-jar", args.natsboot_jar, "-a", "127.0.0.1",
                         "-p", str(port)], port, args.count, jvm=True)
    port = free_port()
    measure("nats-server", [args.nats_server_bin, "-a", "127.0.0.1", "-p", str(port)], port, args.count, jvm=False)


if __name__ == "__main__":
    sys.exit(main())
