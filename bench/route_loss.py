#!/usr/bin/env python3
"""How fast a node sees a killed peer's route go, natsboot beside nats-server (issue 15).

Starts node A (with monitoring) and, per run, node B seeded with A; once A's /routez lists B, B is killed with
SIGKILL and two times are taken from the signal: when the kernel has reaped B (the process is gone, its sockets
closed as part of that), and when A's /routez no longer lists it (polled as fast as HTTP answers). The difference is
A's own detection; the first is the dying process's exit, which for a JVM is mostly the kernel unmapping its heap.

    python3 bench/route_loss.py --runs 5

needs: nats-server on the PATH and nats-server/target/nats-server.jar (mvn -B -q -pl nats-server -DskipTests package).
"""
import argparse
import json
import os
import socket
import statistics
import subprocess
import sys
import time
import urllib.request

JAR = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "nats-server", "target", "nats-server.jar")


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def num_routes(monitor_port):
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{monitor_port}/routez", timeout=1) as r:
            return json.load(r)["num_routes"]
    except (OSError, ValueError):
        return -1


def start(kind, name, cluster_port, monitor_port, seed_port):
    cmd = ["java", "-jar", JAR] if kind == "natsboot" else ["nats-server"]
    cmd += ["-a", "127.0.0.1", "-p", str(free_port()), "--cluster", f"nats://127.0.0.1:{cluster_port}",
            "--cluster_name", "loss", "-n", name]
    if monitor_port:
        cmd += ["-m", str(monitor_port)]
    if seed_port:
        cmd += ["--routes", f"nats-route://127.0.0.1:{seed_port}"]
    return subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def measure(kind, runs):
    cluster_a, cluster_b, monitor_a = free_port(), free_port(), free_port()
    a = start(kind, "A", cluster_a, monitor_a, None)
    results = []
    try:
        for run in range(runs):
            b = start(kind, "B", cluster_b, None, cluster_a)
            deadline = time.time() + 30
            while num_routes(monitor_a) != 1:
                if time.time() > deadline:
                    sys.exit(f"{kind}: B never joined A")
                time.sleep(0.02)
            time.sleep(0.5)
            t0 = time.perf_counter()
            b.kill()
            reaped = gone = None
            while reaped is None or gone is None:
                if reaped is None and b.poll() is not None:
                    reaped = (time.perf_counter() - t0) * 1000
                if gone is None and num_routes(monitor_a) == 0:
                    gone = (time.perf_counter() - t0) * 1000
            results.append((reaped, gone))
            print(f"{kind} run {run + 1}: B reaped after {reaped:.1f} ms, gone from A's /routez after {gone:.1f} ms",
                  flush=True)
            time.sleep(0.3)
    finally:
        a.kill()
        a.wait()
    return results


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    for kind in ("nats-server", "natsboot"):
        results = measure(kind, args.runs)
        reaped = [r for r, _ in results]
        gone = [g for _, g in results]
        print(f"{kind}: median reaped {statistics.median(reaped):.1f} ms (max {max(reaped):.1f}), "
              f"median gone from /routez {statistics.median(gone):.1f} ms (max {max(gone):.1f})")


if __name__ == "__main__":
    main()
