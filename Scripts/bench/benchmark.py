#!/usr/bin/env python3
"""The benchmark behind Scripts/benchmark: measures the release build and writes BENCHMARKS.md.

Every figure comes from one run on this machine: start-up, the whole catalogue (in-process
simulator and a separately started `serve`), requests per second, the runner's cost per request
against a raw loopback floor (a C client, compiled here with gcc, doing keep-alive POSTs with a
bearer token to the same server), peak resident memory, scaling to 10x and 100x the catalogue with
--jobs 1 and 4, and a representative subset expressed for Tavern against the same server.
"""
import argparse
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
BENCH = os.path.join(ROOT, "Scripts", "bench")


def log(text):
    print(text, file=sys.stderr, flush=True)


def measure(command, env=None, cwd=None, expect=(0,), cpu=None):
    """Runs `command`; returns (wall seconds, peak RSS in KiB, exit code, stdout). When `cpu` is a list, the
    process's CPU seconds (user + system) are appended to it."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        started = time.perf_counter()
        process = subprocess.Popen(command, stdout=out, stderr=err, env=env, cwd=cwd)
        _, status, usage = os.wait4(process.pid, 0)
        wall = time.perf_counter() - started
        if cpu is not None:
            cpu.append(usage.ru_utime + usage.ru_stime)
        process.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        stdout = out.read().decode(errors="replace")
        if process.returncode not in expect:
            raise SystemExit("benchmark: %s exited %d\n%s\n%s" % (" ".join(command), process.returncode, stdout[-2000:], err.read().decode(errors="replace")[-2000:]))
        return wall, usage.ru_maxrss, process.returncode, stdout


class Stat:
    def __init__(self, values):
        self.values = list(values)

    @property
    def median(self):
        return statistics.median(self.values)

    def fmt(self, scale=1.0, unit="", digits=3):
        return "%s%s (min %s, max %s, n=%d)" % (
            self._n(self.median * scale, digits), unit, self._n(min(self.values) * scale, digits),
            self._n(max(self.values) * scale, digits), len(self.values))

    @staticmethod
    def _n(value, digits):
        return ("%." + str(digits) + "f") % value


def report_figures(report_dir):
    """(in-run seconds, requests) from a report directory."""
    summary = json.load(open(os.path.join(report_dir, "summary.json")))
    requests = 0
    transcripts = os.path.join(report_dir, "transcripts")
    for name in os.listdir(transcripts):
        with open(os.path.join(transcripts, name), encoding="utf-8", errors="replace") as handle:
            requests += sum(1 for line in handle if line.startswith("--- exchange "))
    return summary["durationSeconds"], requests


def machine():
    cpu = "unknown"
    for line in open("/proc/cpuinfo"):
        if line.startswith("model name"):
            cpu = line.split(":", 1)[1].strip()
            break
    memory = "unknown"
    for line in open("/proc/meminfo"):
        if line.startswith("MemTotal"):
            memory = "%.1f GiB" % (int(line.split()[1]) / 1024 / 1024)
    swift = subprocess.run(["swift", "--version"], capture_output=True, text=True).stdout.strip().splitlines()
    return {
        "nproc": os.cpu_count(),
        "memory": memory,
        "cpu": cpu,
        "kernel": platform.release(),
        "swift": swift[0] if swift else "unknown",
        "python": platform.python_version(),
        "load": "%.2f %.2f %.2f" % os.getloadavg(),
    }


def catalogue_size():
    """How many cases Cases/ holds (the files `scaled_cases` repeats)."""
    root = os.path.join(ROOT, "Cases")
    return sum(1 for group in os.listdir(root) if group != "profiles" and os.path.isdir(os.path.join(root, group))
               for name in os.listdir(os.path.join(root, group)) if name.endswith(".json"))


def scaled_cases(factor, work):
    """Cases/ with every case repeated `factor` times (ids and file names rewritten)."""
    target = os.path.join(work, "cases-x%d" % factor)
    if os.path.isdir(target):
        return target
    shutil.copytree(os.path.join(ROOT, "Cases"), target)
    for group in sorted(os.listdir(target)):
        folder = os.path.join(target, group)
        if group == "profiles" or not os.path.isdir(folder):
            continue
        for name in sorted(os.listdir(folder)):
            if not name.endswith(".json"):
                continue
            path = os.path.join(folder, name)
            data = json.load(open(path))
            os.remove(path)
            stem = name[:-5]
            for copy in range(1, factor + 1):
                data["id"] = "%s.%s-r%d" % (group, stem, copy)
                with open(os.path.join(folder, "%s-r%d.json" % (stem, copy)), "w") as handle:
                    json.dump(data, handle, indent=1)
    return target


class Server:
    """`mysafe-conformance serve --port 0 --config-out FILE` in its own process."""

    def __init__(self, binary, work, name, extra=()):
        self.config = os.path.join(work, name + ".json")
        self.log = open(os.path.join(work, name + ".log"), "w")
        self.process = subprocess.Popen([binary, "serve", "--port", "0", "--profile", "v4", "--config-out", self.config, *extra],
                                        stdout=self.log, stderr=subprocess.STDOUT)
        deadline = time.time() + 20
        while not os.path.exists(self.config) or os.path.getsize(self.config) == 0:
            if time.time() > deadline or self.process.poll() is not None:
                raise SystemExit("benchmark: the simulator did not start (see %s)" % self.log.name)
            time.sleep(0.02)
        self.document = json.load(open(self.config))
        parsed = urllib.parse.urlparse(self.document["baseURL"])
        self.host, self.port = parsed.hostname, parsed.port

    def write_config(self, path, secrets):
        document = json.loads(json.dumps(self.document))
        document["fixtures"]["secrets"] = secrets
        with open(path, "w") as handle:
            json.dump(document, handle, indent=1)
        return path

    def token(self, identity):
        settings = self.document["token"]
        credentials = self.document["identities"][identity]
        body = urllib.parse.urlencode({"grant_type": "client_credentials", "client_id": credentials["clientId"],
                                       "client_secret": credentials["clientSecret"]}).encode()
        request = urllib.request.Request(self.document["baseURL"] + settings["path"], data=body, method="POST")
        return json.load(urllib.request.urlopen(request, timeout=10))["access_token"]

    def cpu_seconds(self):
        """CPU seconds (user + system) the simulator process has used so far (Linux /proc)."""
        try:
            with open("/proc/%d/stat" % self.process.pid) as handle:
                fields = handle.read().rsplit(")", 1)[1].split()
            return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
        except (OSError, IndexError, ValueError):
            return 0.0

    def stop(self):
        self.process.terminate()
        self.process.wait(timeout=10)
        self.log.close()


def ensure_tavern(venv):
    python = os.path.join(venv, "bin", "python")
    if not os.path.exists(os.path.join(venv, "bin", "pytest")) or subprocess.run([python, "-c", "import tavern"], capture_output=True).returncode != 0:
        log("creating the Tavern virtual environment in %s (python3 -m venv; pip install tavern 'pytest<9')" % venv)
        subprocess.run([sys.executable, "-m", "venv", venv], check=True)
        subprocess.run([python, "-m", "pip", "install", "-q", "tavern", "pytest<9"], check=True)
    versions = subprocess.run([python, "-c", "import importlib.metadata as m; print(m.version('tavern'), m.version('pytest'))"],
                              capture_output=True, text=True, check=True).stdout.split()
    return os.path.join(venv, "bin", "pytest"), versions


def main():
    parser = argparse.ArgumentParser(prog="Scripts/benchmark", description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--smoke", action="store_true", help="a quick pass over every measurement (one or two runs each, 10x only); writes nothing unless --output")
    parser.add_argument("--runs", type=int, default=7, help="runs per catalogue measurement (median reported; default 7)")
    parser.add_argument("--output", help="where to write the results (default BENCHMARKS.md; with --smoke, nowhere)")
    parser.add_argument("--binary", required=True, help="the release build of mysafe-conformance")
    parser.add_argument("--venv", default=os.path.join(os.environ.get("XDG_CACHE_HOME", os.path.expanduser("~/.cache")), "mysafe-conformance-bench", "venv"),
                        help="the virtual environment for Tavern (created when missing)")
    parser.add_argument("--no-tavern", action="store_true", help="skip the peer-tool comparison")
    parser.add_argument("--latency-only", action="store_true", help="only the time-to-verdict measurements (latency, fleet); "
                        "rewrites that section of BENCHMARKS.md (or --output) and leaves the rest as it is")
    parser.add_argument("--sick-only", action="store_true", help="only the sick-target measurements (a hanging route, a refused port, "
                        "an unresolvable name, at the default timeout); rewrites that section of BENCHMARKS.md (or --output)")
    parser.add_argument("--scale-only", action="store_true", help="only reports at scale (100x the catalogue, --jobs 1 and 4: wall vs in-run "
                        "time, peak memory); rewrites that section of BENCHMARKS.md (or --output)")
    parser.add_argument("--fleet-size", type=int, default=50, help="simulated targets in the fleet measurement (default 50)")
    parser.add_argument("--command", default="Scripts/benchmark", help=argparse.SUPPRESS)
    args = parser.parse_args()
    runs = 2 if args.smoke else args.runs
    binary = os.path.abspath(args.binary)
    work = tempfile.mkdtemp(prefix="mysafe-bench-")
    figures = {"machine": machine(), "command": args.command.strip()}
    server = None
    def measured_section(module_name, server_label, what, run_measure):
        """One section its own option measures and rewrites (reports at scale, a sick target)."""
        sys.path.insert(0, BENCH)
        module = __import__(module_name)
        server = Server(binary, work, server_label)
        try:
            results = run_measure(module, server)
        finally:
            server.stop()
            shutil.rmtree(work, ignore_errors=True)
        section = module.render(results, figures["machine"], args.command.strip(), args.smoke, Stat)
        output = args.output or (None if args.smoke else os.path.join(ROOT, "BENCHMARKS.md"))
        if output:
            replace_section(output, section, module.BEGIN, module.END)
            log("wrote the %s section of %s" % (what, output))
        else:
            print(section)
        return 0

    if args.scale_only:
        return measured_section("scale", "serve-scale", "reports-at-scale", lambda scale, server: scale.measure(
            measure, binary, work, server, scaled_cases, catalogue_size, 1 if args.smoke else 3, log, factor=10 if args.smoke else 100))
    if args.sick_only:
        return measured_section("sick_target", "serve-sick", "sick-target", lambda sick_target, server: sick_target.measure(
            measure, binary, work, server, 1 if args.smoke else 3, log))
    if args.latency_only:
        try:
            figures["latency"] = time_to_verdict(binary, work, args.smoke, args.fleet_size)
        finally:
            shutil.rmtree(work, ignore_errors=True)
        section = render_latency(figures["latency"], figures["machine"], args.command.strip(), args.smoke)
        output = args.output or (None if args.smoke else os.path.join(ROOT, "BENCHMARKS.md"))
        if output:
            replace_section(output, section)
            log("wrote the time-to-verdict section of %s" % output)
        else:
            print(section)
        return 0
    try:
        def run_catalogue(label, command, count, env=None):
            walls, rss, inrun, requests = [], [], [], []
            for index in range(count):
                reports = os.path.join(work, "reports-%s-%d" % (label, index))
                wall, peak, _, _ = measure(command + ["--quiet", "--report-dir", reports], env=env)
                seconds, exchanged = report_figures(reports)
                walls.append(wall)
                rss.append(peak)
                inrun.append(seconds)
                requests.append(exchanged)
                shutil.rmtree(reports, ignore_errors=True)
            log("  %-28s wall %s" % (label, Stat(walls).fmt(1000, " ms", 1)))
            return {"wall": Stat(walls), "rss": Stat(rss), "inrun": Stat(inrun), "requests": Stat(requests)}

        log("start-up (--help)")
        figures["startup"] = Stat(measure([binary, "--help"])[0] for _ in range(5 if args.smoke else 21))
        figures["startup_rss"] = measure([binary, "--help"])[1]

        log("the whole catalogue, in-process simulator")
        figures["sim"] = run_catalogue("run --simulator", [binary, "run", "--simulator"], runs)

        server = Server(binary, work, "serve")
        config = os.path.join(work, "serve.json")
        log("the whole catalogue against `serve` (%s)" % server.document["baseURL"])
        figures["serve"] = run_catalogue("run --config", [binary, "run", "--config", config], runs)

        log("the whole catalogue over https (serve --tls-cert, a CA made with openssl)")
        figures["https"] = measure_https(binary, work, runs, run_catalogue)

        log("loopback floor: C client, keep-alive POSTs with a bearer token")
        floor_binary = os.path.join(work, "floor_client")
        subprocess.run(["gcc", "-O2", "-o", floor_binary, os.path.join(BENCH, "floor_client.c")], check=True)
        token = server.token("owner")
        floor_requests = 2000 if args.smoke else 20000
        floor = []
        for _ in range(3 if args.smoke else 7):
            _, _, _, out = measure([floor_binary, server.host, str(server.port), "/api/mysafe/secretapi/active/59", token, str(floor_requests)])
            floor.append(float(out.strip()) / floor_requests)
        figures["floor"] = Stat(floor)
        figures["floor_requests"] = floor_requests
        log("  floor %s" % Stat(floor).fmt(1e6, " us", 1))

        log("scaling")
        pool = [43, 45, 46, 47, 48, 49, 50, 51]
        scaled_config = server.write_config(os.path.join(work, "serve-pool8.json"), pool)
        figures["pool"] = pool
        figures["scaling"] = {}
        for factor in ([10] if args.smoke else [10, 100]):
            cases = scaled_cases(factor, work)
            for jobs in (1, 4):
                label = "x%d --jobs %d" % (factor, jobs)
                figures["scaling"][(factor, jobs)] = run_catalogue(
                    label, [binary, "run", "--config", scaled_config, "--cases", cases, "--jobs", str(jobs)], 1 if args.smoke else 3)

        if not args.no_tavern:
            log("Tavern: the representative subset against the same server")
            pytest, versions = ensure_tavern(args.venv)
            figures["tavern_versions"] = versions
            tavern_dir = os.path.join(work, "tavern")
            subset = subprocess.run([sys.executable, os.path.join(BENCH, "tavern_cases.py"), os.path.join(ROOT, "Cases"), "v4", tavern_dir,
                                     "48", str(server.document["fixtures"]["missingSecret"])], capture_output=True, text=True, check=True).stdout.strip()
            figures["tavern_subset"] = subset.split(",")
            identities = server.document["identities"]
            globals_file = os.path.join(work, "tavern-global.yaml")
            with open(globals_file, "w") as handle:
                json.dump({"variables": {
                    "base": server.document["baseURL"], "token_path": server.document["token"]["path"],
                    "owner_token": token, "outsider_token": server.token("outsider"),
                    "owner_id": identities["owner"]["clientId"], "owner_secret": identities["owner"]["clientSecret"]}}, handle)
            tavern_walls = []
            for index in range(runs):
                junit = os.path.join(work, "tavern-junit-%d.xml" % index)
                wall, _, _, out = measure([pytest, "-q", "-p", "no:cacheprovider", "--tavern-global-cfg", globals_file, "--junitxml", junit, tavern_dir], cwd=work)
                tavern_walls.append(wall)
            figures["tavern_summary"] = out.strip().splitlines()[-1] if out.strip() else ""
            figures["tavern"] = Stat(tavern_walls)
            log("  tavern %s (%s)" % (Stat(tavern_walls).fmt(1000, " ms", 1), figures["tavern_summary"]))
            figures["ours_subset"] = run_catalogue("ours, same subset", [binary, "run", "--config", config, "--filter", subset], runs)
        log("time to verdict: latency and fleet")
        figures["latency"] = time_to_verdict(binary, work, args.smoke, args.fleet_size)
    finally:
        if server:
            server.stop()
        shutil.rmtree(work, ignore_errors=True)

    text = render(figures, args.smoke)
    output = args.output or (None if args.smoke else os.path.join(ROOT, "BENCHMARKS.md"))
    previous = open(output).read() if output and os.path.exists(output) else ""
    if output:
        with open(output, "w") as handle:
            handle.write(text + kept_sections(previous))
        log("wrote %s" % output)
    else:
        print(text)
    failures = verdicts(figures)
    for failure in failures:
        log("not met: " + failure)
    return 0


LATENCY_BEGIN = "<!-- time-to-verdict:begin (Scripts/benchmark --latency-only rewrites this section) -->"
LATENCY_END = "<!-- time-to-verdict:end -->"


def chain_requests(report_dir):
    """(requests on the fixture chain, all requests): the chain is every exchange of the cases that lease
    the one fixture secret plus the run's own (profile detection, restore), which all wait on each other."""
    summary = json.load(open(os.path.join(report_dir, "summary.json")))

    def count(name):
        path = os.path.join(report_dir, name)
        if not os.path.exists(path):
            return 0
        with open(path, encoding="utf-8", errors="replace") as handle:
            return sum(1 for line in handle if line.startswith("--- exchange "))

    chain = count(os.path.join("transcripts", "run.txt"))
    total = chain
    for item in summary["cases"]:
        exchanged = count(item["transcript"])
        total += exchanged
        if "secret" in item.get("fixtures", {}):
            chain += exchanged
    return chain, total, summary["exitCode"]


def time_to_verdict(binary, work, smoke, fleet_size):
    """The catalogue against one fixture at 120 ms latency vs its critical path; a fleet of simulated
    targets at 100 ms vs one of them alone. Each `serve` is its own process."""
    result = {"runs": 1 if smoke else 3}
    server = Server(binary, work, "latency120", extra=("--latency-ms", "120"))
    try:
        one = server.document["fixtures"]["secrets"][:1]
        config = server.write_config(os.path.join(work, "latency120-one.json"), one)
        walls, rss, chains = [], [], []
        for index in range(result["runs"]):
            reports = os.path.join(work, "latency-reports-%d" % index)
            wall, peak, _, _ = measure([binary, "run", "--config", config, "--quiet", "--report-dir", reports])
            chain, total, code = chain_requests(reports)
            if code != 0:
                raise SystemExit("benchmark: the latency run exited %d" % code)
            walls.append(wall)
            rss.append(peak)
            chains.append((chain, total))
            shutil.rmtree(reports, ignore_errors=True)
        result["catalogue"] = {"wall": Stat(walls), "rss": Stat(rss), "chain": chains[0][0], "total": chains[0][1], "latency": 0.120}
        log("  catalogue at 120 ms: wall %s, chain %d of %d requests" % (Stat(walls).fmt(1, " s", 2), chains[0][0], chains[0][1]))
    finally:
        server.stop()

    size = 5 if smoke else fleet_size
    servers = []
    try:
        for index in range(size):
            servers.append(Server(binary, work, "fleet-%02d" % index, extra=("--latency-ms", "100")))
        entries = []
        for index, member in enumerate(servers):
            entries.append({"name": "t%02d" % index, "config": os.path.basename(member.config)})
        fleet_file = os.path.join(work, "fleet.json")
        with open(fleet_file, "w") as handle:
            json.dump({"targets": entries}, handle)
        single, fleet, fleet_rss, single_rss = [], [], [], []
        # CPU seconds of the runner process and of the simulators it talked to: how much of the machine
        # (os.cpu_count() cores times the wall time) the measurement needed, to tell CPU from waiting.
        single_cpu, fleet_cpu, single_sim, fleet_sim = [], [], [], []
        for index in range(result["runs"]):
            reports = os.path.join(work, "single-%d" % index)
            before = servers[0].cpu_seconds()
            wall, peak, _, _ = measure([binary, "run", "--config", servers[0].config, "--quiet", "--report-dir", reports], cpu=single_cpu)
            single_sim.append(servers[0].cpu_seconds() - before)
            single.append(wall)
            single_rss.append(peak)
            shutil.rmtree(reports, ignore_errors=True)
            reports = os.path.join(work, "fleet-%d" % index)
            before = sum(member.cpu_seconds() for member in servers)
            wall, peak, _, _ = measure([binary, "fleet", fleet_file, "--parallel", str(size), "--quiet", "--report-dir", reports], cpu=fleet_cpu)
            fleet_sim.append(sum(member.cpu_seconds() for member in servers) - before)
            fleet.append(wall)
            fleet_rss.append(peak)
            shutil.rmtree(reports, ignore_errors=True)
        result["fleet"] = {"size": size, "single": Stat(single), "fleet": Stat(fleet), "rss": Stat(fleet_rss), "single_rss": Stat(single_rss),
                           "single_cpu": Stat(single_cpu), "fleet_cpu": Stat(fleet_cpu), "single_sim": Stat(single_sim), "fleet_sim": Stat(fleet_sim)}
        log("  fleet of %d at 100 ms: %s vs one target %s" % (size, Stat(fleet).fmt(1, " s", 2), Stat(single).fmt(1, " s", 2)))
    finally:
        for member in servers:
            member.stop()
    return result


def render_latency(latency, machine, command, smoke):
    catalogue, fleet = latency["catalogue"], latency["fleet"]
    critical = catalogue["chain"] * catalogue["latency"]
    sequential = catalogue["total"] * catalogue["latency"]
    ratio = catalogue["wall"].median / critical
    fleet_ratio = fleet["fleet"].median / fleet["single"].median
    lines = [LATENCY_BEGIN, "", "## Time to verdict against real latency", ""]
    add = lines.append
    add("Measured by `%s`%s (load average at start %s). Every `serve` is its own process started with" % (
        command, " (smoke mode: too few runs to quote)" if smoke else "", machine["load"]))
    add("`--latency-ms N`: each answer, MySafe and token endpoint, waits N ms before it is sent. Wall times include")
    add("process start and report writing; medians of %d runs, with min and max." % latency["runs"])
    add("")
    add("**One fixture secret at 120 ms.** The critical path is the chain of calls that must wait on each other: every")
    add("exchange of the cases that lease the one fixture secret (they never overlap), plus profile detection and the")
    add("restore, counted from the transcripts, times 120 ms. With `--jobs 1` every case runs in turn; the fixture chain is nearly all of the run.")
    add("")
    add("| what | figure |")
    add("|---|---|")
    add("| requests in the run | %d (all sequential: %.1f s) |" % (catalogue["total"], sequential))
    add("| requests on the fixture chain | %d → critical path **%.2f s** |" % (catalogue["chain"], critical))
    add("| `run --config cfg.json` (one secret, `--jobs 1`) | %s, peak RSS %.1f MiB |" % (catalogue["wall"].fmt(1, " s", 2), catalogue["rss"].median / 1024))
    add("| wall time ÷ critical path | **%.2f×** (target: within 1.5×) |" % ratio)
    add("")
    add("**A fleet of %d simulated targets at 100 ms**, each its own `serve` process with the demo fixtures, run by" % fleet["size"])
    add("`fleet FILE --parallel %d` (every target at once), against one of the same targets run alone." % fleet["size"])
    add("")
    add("| what | wall time | peak RSS | CPU: runner + simulators |")
    add("|---|---|---|---|")
    add("| one target alone, `run --config` | %s | %.1f MiB | %.2f + %.2f s |" % (
        fleet["single"].fmt(1, " s", 2), fleet["single_rss"].median / 1024, fleet["single_cpu"].median, fleet["single_sim"].median))
    add("| %d targets, `fleet --parallel %d` | %s | %.1f MiB | %.2f + %.2f s |" % (
        fleet["size"], fleet["size"], fleet["fleet"].fmt(1, " s", 2), fleet["rss"].median / 1024, fleet["fleet_cpu"].median, fleet["fleet_sim"].median))
    add("| fleet ÷ one target | **%.2f×** (target: within 2×) | | |" % fleet_ratio)
    add("")
    busy = (fleet["fleet_cpu"].median + fleet["fleet_sim"].median) / (fleet["fleet"].median * (machine["nproc"] or 1))
    add("The fleet's runner and simulators kept %.0f%% of the machine's %s cores busy (CPU seconds ÷ cores × wall time);" % (
        100 * busy, machine["nproc"]))
    add("the rest of its wall time is waiting on the 100 ms answers, and on other work on a shared machine (load average above).")
    add("")
    add("- catalogue within 1.5× its critical path: %s" % ("yes" if ratio <= 1.5 else "NO"))
    add("- fleet of %d within 2× one target: %s" % (fleet["size"], "yes" if fleet_ratio <= 2 else "NO"))
    add("")
    add(LATENCY_END)
    add("")
    return "\n".join(lines)


def kept_sections(previous):
    """The sections only their own option measures (reports at scale, a sick target), carried over from the
    document a whole run replaces, so that a whole run does not drop them."""
    sys.path.insert(0, BENCH)
    import scale
    import sick_target
    kept = ""
    for module in (scale, sick_target):
        if module.BEGIN in previous and module.END in previous:
            start = previous.index(module.BEGIN)
            end = previous.index(module.END) + len(module.END)
            kept += "\n" + previous[start:end] + "\n"
    return kept


def replace_section(path, section, begin=LATENCY_BEGIN, end_marker=LATENCY_END):
    text = open(path).read() if os.path.exists(path) else ""
    if begin in text and end_marker in text:
        start = text.index(begin)
        end = text.index(end_marker) + len(end_marker)
        text = text[:start] + section.rstrip("\n") + text[end:]
    else:
        marker = "## Verdict"
        text = text.replace(marker, section + "\n" + marker, 1) if marker in text else text + "\n" + section
    with open(path, "w") as handle:
        handle.write(text)


def measure_https(binary, work, runs, run_catalogue):
    """The catalogue over https through the socket transport (OpenSSL 3), against `serve --tls-cert` and the
    in-process simulator with the same certificate; None without the openssl command."""
    if not shutil.which("openssl"):
        log("  openssl command missing: https not measured")
        return None
    pki = os.path.join(work, "pki")
    os.makedirs(pki)
    key = ["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes"]
    def openssl(*arguments):
        subprocess.run(["openssl", *arguments], cwd=pki, check=True, capture_output=True)
    openssl("req", "-x509", *key, "-keyout", "ca.key", "-out", "ca.pem", "-days", "2", "-subj", "/CN=benchmark CA")
    openssl("req", *key, "-keyout", "server.key", "-out", "server.csr", "-subj", "/CN=localhost")
    with open(os.path.join(pki, "server.ext"), "w") as handle:
        handle.write("subjectAltName=DNS:localhost,IP:127.0.0.1\n")
    openssl("x509", "-req", "-in", "server.csr", "-CA", "ca.pem", "-CAkey", "ca.key", "-set_serial", "9", "-days", "2",
            "-extfile", "server.ext", "-out", "server.pem")
    ca = os.path.join(pki, "ca.pem")
    certificate = ("--tls-cert", os.path.join(pki, "server.pem"), "--tls-key", os.path.join(pki, "server.key"))
    server = Server(binary, work, "serve-https", extra=certificate)
    try:
        result = {"serve": run_catalogue("https, run --config", [binary, "run", "--config", server.config, "--ca-file", ca], runs)}
    finally:
        server.stop()
    result["simulator"] = run_catalogue("https, run --simulator", [binary, "run", "--simulator", *certificate, "--ca-file", ca], runs)
    return result


def per_request(entry):
    """The runner's in-run seconds per request, per run."""
    return Stat(d / r for d, r in zip(entry["inrun"].values, entry["requests"].values))


def verdicts(figures):
    failures = []
    if "tavern" in figures and figures["ours_subset"]["wall"].median >= figures["tavern"].median:
        failures.append("our subset run is not faster than Tavern's")
    biggest = max(figures["scaling"])
    cost = per_request(figures["scaling"][(biggest[0], 1)]).median
    if cost > 2 * figures["floor"].median:
        failures.append("the runner's cost per request (%.1f us) is over twice the floor (%.1f us)" % (cost * 1e6, figures["floor"].median * 1e6))
    return failures


def render(f, smoke):
    m = f["machine"]
    floor = f["floor"].median
    lines = []
    add = lines.append
    add("# Benchmarks")
    add("")
    add("Measured by `%s`%s, with the release build (`swift build -c release`). Wall times include process" % (f["command"], " (smoke mode: too few runs to quote)" if smoke else ""))
    add("start and report writing; a figure is the median of the runs, with min and max. The machine is shared with")
    add("other engineers' builds, so expect noise: compare figures from the same run, not across runs.")
    add("")
    add("## Machine")
    add("")
    add("| | |")
    add("|---|---|")
    add("| CPU | %s |" % m["cpu"])
    add("| nproc | %s |" % m["nproc"])
    add("| memory | %s |" % m["memory"])
    add("| kernel | Linux %s |" % m["kernel"])
    add("| Swift | %s |" % m["swift"])
    add("| Python (Tavern) | %s |" % m["python"])
    add("| load average at start | %s |" % m["load"])
    add("")
    add("## The whole catalogue")
    add("")
    add("| what | wall time | peak RSS | requests | in-run requests/s |")
    add("|---|---|---|---|---|")

    def row(label, entry):
        rate = Stat(r / d for d, r in zip(entry["inrun"].values, entry["requests"].values) if d > 0) if min(entry["inrun"].values) > 0 else None
        add("| %s | %s | %.1f MiB | %d | %s |" % (
            label, entry["wall"].fmt(1000, " ms", 1), entry["rss"].median / 1024, entry["requests"].median,
            "%.0f" % rate.median if rate else "n/a"))

    row("`run --simulator` (in-process simulator)", f["sim"])
    row("`run --config cfg.json` (separate `serve --port 0 --config-out cfg.json`)", f["serve"])
    if f.get("https"):
        row("`run --config` over **https** (`serve --tls-cert`, a throwaway CA given with `--ca-file`)", f["https"]["serve"])
        row("`run --simulator` over **https** (`--tls-cert --tls-key --ca-file`)", f["https"]["simulator"])
    else:
        add("| over https | not measured: the openssl command is missing | | | |")
    add("")
    if f.get("https"):
        add("Both schemes go through one transport, the socket transport (TLS from the system's OpenSSL 3; README, \"TLS\"). "
            "Over https it takes %.2f× its plain-http wall time against `serve` and %.2f× with the in-process simulator "
            "(a TLS handshake per pooled connection, then encryption of each exchange)." % (
                f["https"]["serve"]["wall"].median / f["serve"]["wall"].median, f["https"]["simulator"]["wall"].median / f["sim"]["wall"].median))
        add("")
    add("Start-up, `mysafe-conformance --help`: %s, peak RSS %.1f MiB." % (f["startup"].fmt(1000, " ms", 1), f["startup_rss"] / 1024))
    add("")
    add("## Cost per request")
    add("")
    add("The floor is a C client (`Scripts/bench/floor_client.c`, compiled by the script with `gcc -O2`) sending %d" % f["floor_requests"])
    add("keep-alive `POST /api/mysafe/secretapi/active/59` with a bearer token on one connection to the same `serve`")
    add("process and reading each answer in full: the raw loopback round trip including the simulator's own work.")
    add("The runner's figure is its in-run time (`durationSeconds` of `summary.json`: no process start, no report")
    add("writing) divided by the requests it sent (exchanges in the transcripts), with `--jobs 1`, so requests are")
    add("sequential like the floor's; it includes token handling, checks, the fixture journal and recording transcripts.")
    add("")
    add("| what | per request |")
    add("|---|---|")
    add("| floor: raw loopback round trip (C client) | %s |" % f["floor"].fmt(1e6, " µs", 1))
    for key in sorted(f["scaling"]):
        factor, jobs = key
        if jobs != 1:
            continue
        cost = per_request(f["scaling"][key])
        add("| runner, %d× catalogue, `--jobs 1` | %s = **%.2f× the floor** |" % (factor, cost.fmt(1e6, " µs", 1), cost.median / floor))
    add("")
    add("## Scaling")
    add("")
    add("The catalogue repeated (ids and file names rewritten, `--cases DIR`) against `serve`, with a fixture pool of")
    add("%d secrets (%s) in the configuration." % (len(f["pool"]), ", ".join(map(str, f["pool"]))))
    add("")
    add("| cases | jobs | wall time | in-run time | requests | requests/s | peak RSS |")
    add("|---|---|---|---|---|---|---|")
    for key in sorted(f["scaling"]):
        factor, jobs = key
        entry = f["scaling"][key]
        rate = Stat(r / d for d, r in zip(entry["inrun"].values, entry["requests"].values))
        add("| %d× (%d) | %d | %s | %s | %d | %.0f | %.1f MiB |" % (
            factor, catalogue_size() * factor, jobs, entry["wall"].fmt(1000, " ms", 0), entry["inrun"].fmt(1000, " ms", 0),
            entry["requests"].median, rate.median, entry["rss"].median / 1024))
    add("")
    if "tavern" in f:
        ours = f["ours_subset"]["wall"]
        add("## Against a peer tool: Tavern")
        add("")
        add("Tavern %s on pytest %s, in a virtual environment the script creates, runs the representative subset below," % tuple(f["tavern_versions"]))
        add("generated by `Scripts/bench/tavern_cases.py` into a temporary directory, against the same `serve` process.")
        add("Each Tavern test does what the catalogue case does: arrange the given state as owner, send the step, check")
        add("the status and the same envelope fields (message, `mensagem`, `error`/`erro`, `error_code`/`cod_erro`,")
        add("`exception.code`), then prove the state with one more call. Tavern gets its tokens from its global")
        add("configuration, fetched by the script beforehand (our runner fetches them during its run). Both write JUnit XML.")
        add("")
        add("Subset (%d cases): %s." % (len(f["tavern_subset"]), ", ".join("`%s`" % c for c in f["tavern_subset"])))
        add("")
        add("| what | wall time |")
        add("|---|---|")
        add("| Tavern, `pytest --junitxml` over the subset (%s) | %s |" % (f["tavern_summary"], f["tavern"].fmt(1000, " ms", 1)))
        add("| mysafe-conformance, `run --config cfg.json --filter <subset>` | %s |" % ours.fmt(1000, " ms", 1))
        add("| mysafe-conformance, the whole catalogue (%d cases) | %s |" % (catalogue_size(), f["serve"]["wall"].fmt(1000, " ms", 1)))
        add("")
        add("**Tavern takes %.1f× as long as mysafe-conformance** for the same subset (median wall times)." % (f["tavern"].median / ours.median))
        add("")
    if "latency" in f:
        add(render_latency(f["latency"], f["machine"], f["command"], smoke))
    failures = verdicts(f)
    add("## Verdict")
    add("")
    if failures:
        for failure in failures:
            add("- NOT MET: " + failure)
    else:
        add("- faster than the peer tool in the same run: yes")
        add("- the runner's cost per request within 2× the raw loopback round trip: yes")
    add("")
    with open(os.path.join(BENCH, "history.md")) as handle:
        add(handle.read().rstrip("\n"))
    add("")
    return "\n".join(lines)


if __name__ == "__main__":
    sys.exit(main())
