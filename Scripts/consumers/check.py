"""Reads report directories with third-party JUnit readers and checks them against summary.json.

Usage: check.py NAME=EXIT:DIR ...   (EXIT: the exit code the run's process gave)

A DIR holding fleet.json instead of summary.json is a `fleet` or `merge` report: every reader must
parse its junit.xml and agree on the totals, each target's suite must be red (a failure or an error)
exactly when fleet.json gives that target an exit code other than 0, and `junitparser verify` must
fail exactly when the process's exit code is not 0 (Reports/README.md, "Fleet and merge: junit.xml").

For each run: junitparser, xunitparser and xunitparserx (each if importable) must parse junit.xml,
and their totals (tests, failures, errors, skipped) must equal summary.json's "junit" counts;
`junitparser verify` must fail exactly when the exit code is not 0; summary.json's exitCode must be
the process's; summary.json's totals must count each case once by its countsAs, so `totals.failed` is
the number of failed contract cases (findings, expected failures and warnings apart), and a run that
exits 0 has `totals.failed` 0. junit2html, when installed, must render the file. Exit 1 on any mismatch.
See Reports/README.md#counts.
"""
import importlib
import json
import os
import subprocess
import sys
import tempfile

problems = []


def problem(run, text):
    problems.append("%s: %s" % (run, text))
    print("  FAIL %s" % text)


def counts_junitparser(path):
    from junitparser import JUnitXml, Failure, Error, Skipped
    xml = JUnitXml.fromfile(path)
    tests = failures = errors = skipped = 0
    for suite in xml:
        for case in suite:
            tests += 1
            kinds = [type(result) for result in case.result]
            if Failure in kinds:
                failures += 1
            elif Error in kinds:
                errors += 1
            elif Skipped in kinds:
                skipped += 1
    return tests, failures, errors, skipped


def counts_xunit(module_name, path):
    module = importlib.import_module(module_name)
    with open(path, "rb") as handle:
        _, result = module.parse(handle)
    return result.testsRun, len(result.failures), len(result.errors), len(result.skipped)


def verify_fails(junitparser_cli, path):
    return subprocess.run([junitparser_cli, "verify", path], capture_output=True).returncode != 0


def check_fleet(name, exit_code, directory, readers, bin_dir):
    junit = os.path.join(directory, "junit.xml")
    with open(os.path.join(directory, "fleet.json"), encoding="utf-8") as handle:
        fleet = json.load(handle)
    exits = {target["name"]: target["exitCode"] for target in fleet["targets"]}
    print("%s: exit %d, targets %s" % (name, exit_code, exits))
    if fleet["exitCode"] != exit_code:
        problem(name, "fleet.json exitCode %s, process exit %d" % (fleet["exitCode"], exit_code))
    from junitparser import JUnitXml, Failure, Error
    totals = {}
    for reader in readers:
        try:
            totals[reader] = counts_junitparser(junit) if reader == "junitparser" else counts_xunit(reader, junit)
        except Exception as error:
            problem(name, "%s cannot read junit.xml: %r" % (reader, error))
            continue
        print("  %-12s tests/failures/errors/skipped %s" % (reader, totals[reader]))
    if len(set(totals.values())) > 1:
        problem(name, "the readers disagree: %s" % totals)
    suites = {}
    for suite in JUnitXml.fromfile(junit):
        red = any(type(result) in (Failure, Error) for case in suite for result in case.result)
        suites[suite.name] = red
    if sorted(suites) != sorted(exits):
        problem(name, "suites %s, targets %s" % (sorted(suites), sorted(exits)))
    for target, code in exits.items():
        if suites.get(target) != (code != 0):
            problem(name, "target %s exits %d but its suite is %s" % (target, code, "red" if suites.get(target) else "green"))
    fails = verify_fails(os.path.join(bin_dir, "junitparser"), junit)
    print("  junitparser verify: %s; red suites: %s" % ("fails" if fails else "passes", sorted(t for t, red in suites.items() if red)))
    if fails != (exit_code != 0):
        problem(name, "junitparser verify %s but the exit code is %d" % ("fails" if fails else "passes", exit_code))


def main(arguments):
    bin_dir = os.path.dirname(sys.executable)
    readers = ["junitparser"]
    for optional in ["xunitparser", "xunitparserx"]:
        try:
            importlib.import_module(optional)
            readers.append(optional)
        except Exception as error:  # not installable here: say so, check the others
            print("%s unavailable (%s): not checked" % (optional, error))
    try:
        importlib.import_module("junit2htmlreport")
        has_junit2html = True
    except Exception:
        has_junit2html = False
    for argument in arguments:
        name, _, rest = argument.partition("=")
        exit_text, _, directory = rest.partition(":")
        exit_code = int(exit_text)
        if os.path.exists(os.path.join(directory, "fleet.json")):
            check_fleet(name, exit_code, directory, readers, bin_dir)
            continue
        junit = os.path.join(directory, "junit.xml")
        with open(os.path.join(directory, "summary.json"), encoding="utf-8") as handle:
            summary = json.load(handle)
        expected = tuple(summary["junit"][key] for key in ("tests", "failures", "errors", "skipped"))
        print("%s: exit %d, summary.json junit %s" % (name, exit_code, expected))
        if summary["exitCode"] != exit_code:
            problem(name, "summary.json exitCode %s, process exit %d" % (summary["exitCode"], exit_code))
        words = {"passed": "passed", "failed": "failed", "error": "error", "skipped": "skipped", "expected": "expected", "finding": "findings"}
        by_verdict = {key: 0 for key in words.values()}
        for case in summary["cases"]:
            by_verdict[words[case["countsAs"]]] += 1
        totals = {key: summary["totals"][key] for key in by_verdict}
        if totals != by_verdict:
            problem(name, "summary.json totals %s, its cases count %s" % (totals, by_verdict))
        if exit_code == 0 and summary["totals"]["failed"] != 0:
            problem(name, "exit 0 but totals.failed is %d" % summary["totals"]["failed"])
        for reader in readers:
            try:
                got = counts_junitparser(junit) if reader == "junitparser" else counts_xunit(reader, junit)
            except Exception as error:
                problem(name, "%s cannot read junit.xml: %r" % (reader, error))
                continue
            print("  %-12s tests/failures/errors/skipped %s" % (reader, got))
            if got != expected:
                problem(name, "%s reads %s, summary.json says %s" % (reader, got, expected))
        fails = verify_fails(os.path.join(bin_dir, "junitparser"), junit)
        print("  junitparser verify: %s" % ("fails" if fails else "passes"))
        if fails != (exit_code != 0):
            problem(name, "junitparser verify %s but the exit code is %d" % ("fails" if fails else "passes", exit_code))
        if has_junit2html:
            with tempfile.TemporaryDirectory() as scratch:
                rendered = subprocess.run(
                    [os.path.join(bin_dir, "junit2html"), junit, os.path.join(scratch, "report.html")], capture_output=True)
            if rendered.returncode != 0:
                problem(name, "junit2html failed: %s" % rendered.stderr.decode(errors="replace")[-400:])
            else:
                print("  junit2html   renders")
    if problems:
        print("\n%d problem(s):\n  %s" % (len(problems), "\n  ".join(problems)))
        return 1
    print("\nevery reader agrees with summary.json (a fleet's readers with each other); junitparser verify fails exactly for"
          " the runs whose exit is not 0; a fleet's suite is red exactly for the targets whose exit is not 0")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
