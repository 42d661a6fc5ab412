"""Time to verdict against a sick target (README, "A sick target"), for `Scripts/benchmark --sick-only`.

Three targets, each against the release binary with the default request timeout (no --request-timeout,
no requestTimeoutSeconds in the configuration):
- a loopback proxy in front of `serve` that forwards every request except deactivate, which it reads and
  never answers;
- a loopback port nothing listens on (connections refused);
- a host name with a label over 63 characters, which the resolver refuses without sending a DNS query.
For each: wall time, exit code, console lines, and for the hanging one how many deactivate requests it got.
"""
import json
import os
import socket
import subprocess
import threading
import time

BEGIN = "<!-- sick-target:begin (Scripts/benchmark --sick-only rewrites this section) -->"
END = "<!-- sick-target:end -->"


class HangingDeactivate:
    """Forwards each request (one per connection) to `upstream`, except `/inactive/` ones: those are read and never answered."""

    def __init__(self, upstream_port):
        self.upstream = upstream_port
        self.listener = socket.socket()
        self.listener.bind(("127.0.0.1", 0))
        self.listener.listen(64)
        self.port = self.listener.getsockname()[1]
        self.deactivate = 0
        self.total = 0
        self.lock = threading.Lock()
        self.open = []
        threading.Thread(target=self.accept, daemon=True).start()

    def accept(self):
        while True:
            try:
                client, _ = self.listener.accept()
            except OSError:
                return
            threading.Thread(target=self.serve, args=(client,), daemon=True).start()

    @staticmethod
    def read_request(sock):
        data = b""
        while b"\r\n\r\n" not in data:
            chunk = sock.recv(65536)
            if not chunk:
                return None
            data += chunk
        head, _, body = data.partition(b"\r\n\r\n")
        length = 0
        for line in head.split(b"\r\n")[1:]:
            name, _, value = line.partition(b":")
            if name.strip().lower() == b"content-length":
                length = int(value.strip() or 0)
        while len(body) < length:
            chunk = sock.recv(65536)
            if not chunk:
                return None
            body += chunk
        return head, body

    def serve(self, client):
        try:
            request = self.read_request(client)
            if request is None:
                return
            head, body = request
            with self.lock:
                self.total += 1
            if b"/inactive/" in head.split(b"\r\n")[0]:
                with self.lock:
                    self.deactivate += 1
                    self.open.append(client)
                client.recv(1)  # blocks until the client gives up and closes
                return
            first, _, rest = head.partition(b"\r\n")
            upstream = socket.create_connection(("127.0.0.1", self.upstream), timeout=30)
            upstream.sendall(first + b"\r\nConnection: close\r\n" + rest + b"\r\n\r\n" + body)
            answer = b""
            while True:
                chunk = upstream.recv(65536)
                if not chunk:
                    break
                answer += chunk
            upstream.close()
            client.sendall(answer)
        except OSError:
            pass
        finally:
            client.close()

    def stop(self):
        self.listener.close()


def measure(measure_command, binary, work, server, runs, log):
    """The three sick targets; a dict of figures."""
    document = json.loads(json.dumps(server.document))
    document.pop("requestTimeoutSeconds", None)
    results = {}

    def config(name, base_url, secrets_in_env=False):
        copy = json.loads(json.dumps(document))
        copy["baseURL"] = base_url
        env = dict(os.environ)
        if secrets_in_env:
            for identity, entry in copy["identities"].items():
                variable = "BENCH_%s_SECRET" % identity.upper()
                env[variable] = entry.pop("clientSecret")
                entry["clientSecretEnv"] = variable
        path = os.path.join(work, "sick-%s.json" % name)
        with open(path, "w") as handle:
            json.dump(copy, handle)
        return path, env

    hanging = HangingDeactivate(server.port)
    try:
        path, env = config("hanging", "http://127.0.0.1:%d" % hanging.port)
        walls, lines, codes, deactivates = [], [], [], []
        for index in range(runs):
            before = hanging.deactivate
            reports = os.path.join(work, "sick-hanging-%d" % index)
            wall, _, code, out = measure_command([binary, "run", "--config", path, "--report-dir", reports], env=env, expect=(3, 4))
            walls.append(wall)
            lines.append(len(out.splitlines()))
            codes.append(code)
            deactivates.append(hanging.deactivate - before)
            log("  deactivate never answers: %.1f s, exit %d, %d deactivate requests" % (wall, code, deactivates[-1]))
        results["hanging"] = {"walls": walls, "lines": lines, "codes": codes, "deactivates": deactivates}
    finally:
        hanging.stop()

    closed = socket.socket()
    closed.bind(("127.0.0.1", 0))  # bound, never listening: connections are refused
    try:
        path, env = config("refused", "http://127.0.0.1:%d" % closed.getsockname()[1])
        results["refused"] = repeat(measure_command, [binary, "run", "--config", path], env, work, "refused", runs, log)
    finally:
        closed.close()
    path, env = config("unresolved", "http://%s.example:8080" % ("x" * 70), secrets_in_env=True)
    results["unresolved"] = repeat(measure_command, [binary, "run", "--config", path, "--allow-insecure-http"], env, work, "unresolved", runs, log)
    return results


def repeat(measure_command, command, env, work, name, runs, log):
    walls, lines, codes = [], [], []
    for index in range(runs):
        reports = os.path.join(work, "sick-%s-%d" % (name, index))
        wall, _, code, out = measure_command(command + ["--report-dir", reports], env=env, expect=(3,))
        walls.append(wall)
        lines.append(len(out.splitlines()))
        codes.append(code)
    log("  %s: %.2f s, %d console lines" % (name, sorted(walls)[len(walls) // 2], max(lines)))
    return {"walls": walls, "lines": lines, "codes": codes}


def render(results, machine, command, smoke, stat):
    hanging, refused, unresolved = results["hanging"], results["refused"], results["unresolved"]
    lines = [BEGIN, "", "## A sick target", ""]
    add = lines.append
    add("Measured by `%s`%s (load average at start %s), release build, default request timeout (10 s)." % (
        command, " (smoke mode: too few runs to quote)" if smoke else "", machine["load"]))
    add("Wall times include process start and report writing; medians with min and max. Before the change")
    add("(issue 21): 131 s against a deactivate that never answers (at 5 s), and 132 console lines against a refused port.")
    add("")
    add("| target | wall time | exit | console lines | goal |")
    add("|---|---|---|---|---|")
    add("| deactivate never answers (a loopback proxy in front of `serve` holds every `/inactive/` request; %s deactivate requests sent) | %s | %s | %d | under 60 s: **%s** |" % (
        "/".join(str(n) for n in sorted(set(hanging["deactivates"]))), stat(hanging["walls"]).fmt(1, " s", 1),
        "/".join(str(c) for c in sorted(set(hanging["codes"]))), max(hanging["lines"]), "yes" if max(hanging["walls"]) < 60 else "NO"))
    add("| refused port (`127.0.0.1`, bound, not listening) | %s | %s | %d | under 2 s and at most 30 lines: **%s** |" % (
        stat(refused["walls"]).fmt(1, " s", 2), "/".join(str(c) for c in sorted(set(refused["codes"]))), max(refused["lines"]),
        "yes" if max(refused["walls"]) < 2 and max(refused["lines"]) <= 30 else "NO"))
    add("| host name that cannot be resolved (a 70-character label: no DNS query leaves the machine) | %s | %s | %d | under 2 s and at most 30 lines: **%s** |" % (
        stat(unresolved["walls"]).fmt(1, " s", 2), "/".join(str(c) for c in sorted(set(unresolved["codes"]))), max(unresolved["lines"]),
        "yes" if max(unresolved["walls"]) < 2 and max(unresolved["lines"]) <= 30 else "NO"))
    add("")
    add("Against the hanging deactivate: profile detection and two cases' arrange time out (3 in a row on that route),")
    add("then no case sends to it; the restore tries the route once more. Each wait is one request timeout, so the")
    add("verdict comes in about four timeouts whatever the size of the catalogue.")
    add("")
    add(END)
    add("")
    return "\n".join(lines)
