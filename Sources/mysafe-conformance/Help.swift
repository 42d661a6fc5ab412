import MySafeConformance

/// The `--help` texts.
enum Help {
    static let overview = """
        \(ToolInfo.name) \(ToolInfo.version): contract and conformance tests for the MySafe API-secret endpoints
        of senhasegura / Segura.

        USAGE
          \(ToolInfo.name) run       [--base-url URL | --simulator] [options]   run the catalogue, write Reports/
          \(ToolInfo.name) list      [--cases DIR] [--json]                      show the catalogue
          \(ToolInfo.name) validate  [--cases DIR]                               lint case files (exit 2 on a problem)
          \(ToolInfo.name) serve     [--port N] [--config-out FILE] [options]    start the reference simulator
          \(ToolInfo.name) matrix    [--output FILE] [--readme FILE]             the deviation matrix (Markdown)
          \(ToolInfo.name) compare   BEFORE AFTER [--out DIR]                    regressions and fixes between two runs
          \(ToolInfo.name) fleet     FILE [--parallel N] [--report-dir DIR]      run many targets; a targets × cases matrix
          \(ToolInfo.name) merge     DIR… [--out DIR]                            the same matrix from reports made elsewhere

        Try it: \(ToolInfo.name) run --simulator
        '\(ToolInfo.name) COMMAND --help' describes each command.

        EXIT CODES
        \(ExitCode.allCases.sorted { $0.rawValue < $1.rawValue }.map { "  \($0.rawValue)  \($0.meaning)" }.joined(separator: "\n"))
        """

    static func text(for command: String) -> String? {
        switch command {
        case "run": return run
        case "list": return list
        case "validate": return validate
        case "serve": return serve
        case "matrix": return matrix
        case "compare": return compare
        case "fleet": return fleet
        case "merge": return merge
        default: return nil
        }
    }

    static let run = """
        USAGE: \(ToolInfo.name) run [--base-url URL | --simulator] [options]

        Runs the catalogue against a target, restores every fixture it touched, writes the reports and exits
        with the verdict. Without a target it reads mysafe-conformance.json from the current directory.

        TARGET
          --base-url URL           the deployment (https://…); or MYSAFE_BASE_URL, or baseURL in the config
          --simulator              start the built-in reference simulator on a free loopback port and test it
          --config FILE            configuration file (default: mysafe-conformance.json if present)
          --profile P              auto (default), v3-32, v3-33 or v4; or MYSAFE_PROFILE
          --allow-insecure-http    permit plain http:// to a host that is not loopback
          --request-timeout S      seconds per request (default 10)

        SELECTION
          --cases DIR              use the case files in DIR instead of the built-in catalogue
          --filter GLOB            case ids to run, e.g. 'activate.*' (comma for alternatives)
          --tags T,…               only cases with one of these tags
          --jobs N                 run up to N cases at once, on different fixtures (default 1)

        VERDICT
          --strict                 undocumented fields and failing probes fail the run
          --lenient-messages       compare messages case-insensitively with white space folded
          --require-all            a skipped contract case is an error (exit 3)
          --dry-run                print every request the run would send; send nothing
          --expectations FILE      known departures: listed failures count as expected, not failed (see README)

        OUTPUT
          --report-dir DIR         where junit.xml, summary.json, summary.md, transcripts/ go (default Reports)
          --quiet | --verbose      less or more console output; NO_COLOR turns colour off

        SIMULATOR ONLY (with --simulator)
          --deviation NAME         make the simulator depart from the documents (repeatable; see serve --list-deviations)
          --variation NAME         a conformant variation (repeatable)
          --token-ttl S            token lifetime in seconds

        Credentials never come from flags: set the environment variables your configuration names
        (MYSAFE_CLIENT_ID and MYSAFE_CLIENT_SECRET stand for owner when the configuration names none).

        EXIT CODES
        \(ExitCode.allCases.sorted { $0.rawValue < $1.rawValue }.map { "  \($0.rawValue)  \($0.meaning)" }.joined(separator: "\n"))
        """

    static let list = """
        USAGE: \(ToolInfo.name) list [--cases DIR] [--json]

        Shows every case of the catalogue: id, kind (contract or probe), tags and the documents it cites.
          --cases DIR   list the case files in DIR instead of the built-in catalogue
          --json        machine-readable output
        """

    static let validate = """
        USAGE: \(ToolInfo.name) validate [--cases DIR]

        Checks every case and profile file and prints each problem as 'file: JSON path: what is wrong'.
        Exit 0 when all are valid, 2 otherwise.
          --cases DIR   validate DIR instead of the built-in catalogue
        """

    static let serve = """
        USAGE: \(ToolInfo.name) serve [--host H] [--port N] [--profile P] [--deviation NAME …] [--variation NAME …]
                                     [--token-ttl S] [--config-out FILE] [--list-deviations]

        Starts the reference simulator of the MySafe API-secret endpoints: for trying the suite, or developing a
        client, without a deployment. It prints its base URL when ready and serves until interrupted.
          --host H             address to bind (default 127.0.0.1)
          --port N             port (default 0: a free port, printed)
          --profile P          v3-32, v3-33 or v4 (default v4): which documentation version it answers as
          --deviation NAME     depart from the documents in one named way (repeatable)
          --variation NAME     a conformant variation (repeatable)
          --token-ttl S        token lifetime in seconds (default 3600)
          --config-out FILE    write a ready configuration for 'run --config FILE'
          --list-deviations    list the deviations and variations, one per line, and exit
        """

    static let matrix = """
        USAGE: \(ToolInfo.name) matrix [--output FILE] [--readme FILE] [--json FILE] [--parallel N] [--quiet]

        Runs the built-in catalogue against the reference simulator once per deviation and once per conformant
        target (every profile with every variation, and combinations), and prints the deviation matrix as Markdown:
        for each deviation the verdict and the cases and checks that caught it; for each conformant target the
        verdict and the failed checks (false alarms). Exit 0 when every deviation is caught and nothing else fails.
          --output FILE    write the document to FILE instead of standard output
          --readme FILE    replace the generated table between the deviation-matrix markers of FILE
          --json FILE      also write the rows in machine form
          --parallel N     simulators run at once (default 2); cases within a run go one at a time
          --quiet          no progress lines on standard error
        Regenerate the committed copy: \(DeviationMatrixDocument.regenerateCommand)
        """

    static let compare = """
        USAGE: \(ToolInfo.name) compare BEFORE AFTER [--out DIR] [--quiet]

        Compares two runs (report directories, or their summary.json files): the cases that regressed
        (passed → failed or error), were fixed, or changed otherwise, new and removed cases, drift findings
        that changed and a profile change. Prints a table; exit 1 when anything regressed, 0 otherwise,
        2 when a report cannot be read. The upgrade recipe is in the README ("Before and after an upgrade").
          --out DIR     also write compare.md and compare.json into DIR
          --quiet       print only the one-line result
        """

    static let fleet = """
        USAGE: \(ToolInfo.name) fleet FILE [--parallel N] [--report-dir DIR] [run options]

        Runs the catalogue against every target of FILE ({"targets": [{"name": "sp-prod", "config": "sp-prod.json"}]},
        configurations relative to FILE) at once, each restoring its own fixtures, and writes a report directory
        per target (DIR/<name>/) plus DIR/fleet.md (targets × cases, profile and drift per target), DIR/fleet.json
        and DIR/junit.xml (one <testsuite> per target). A target that cannot run is reported and the others go on.
        Ctrl-C stops starting targets and restores every running one. Exit: the worst of the targets'
        (4 > 130 > 2 > 1 > 3 > 0).
          --parallel N             targets run at once (default 8)
          --report-dir DIR         where the reports go (default Reports)
          --jobs N                 cases at once within each target (default 1)
          --expectations FILE      known departures for every target (else each configuration's "expectations")
          --filter, --tags, --cases, --strict, --lenient-messages, --require-all, --request-timeout,
          --allow-insecure-http    as for run
          --quiet                  print only targets that did not pass, and the result
        """

    static let merge = """
        USAGE: \(ToolInfo.name) merge DIR… [--out DIR] [--quiet]

        Builds the fleet matrix from report directories made elsewhere (one CI job per deployment): writes
        fleet.md, fleet.json and junit.xml (one <testsuite> per directory) into --out (default Reports). Each
        target is named after its directory. Exit: the worst of the runs' exit codes; 2 when a report cannot
        be read (nothing is written then).
        """
}
