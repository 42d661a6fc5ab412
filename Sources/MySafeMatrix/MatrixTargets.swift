import MySafeJSON
import MySafeSimulator

/// The matrix's targets: one simulator per deviation, every profile × every variation, and combinations.
public enum MatrixTargets {
    public static var all: [DeviationMatrix.Target] { deviations + conformant }

    /// One simulator per deviation, on the profile whose pages document what it departs from.
    public static var deviations: [DeviationMatrix.Target] {
        Deviation.allCases.map { deviation in
            var options = SimulatorOptions()
            options.deviations = [deviation]
            options.profile = deviation.documentedOn
            if let lifetime = deviation.tokenLifetimeSeconds { options.tokenLifetimeSeconds = lifetime }
            let timeout = DeviationMatrix.requestTimeout(forDeviation: deviation.rawValue)
            if timeout != nil { options.slowAnswerSeconds = DeviationMatrix.slowAnswerSeconds }
            return simulator(
                name: deviation.rawValue, summary: deviation.summary, section: .deviation, options: options, timeout: timeout, harm: deviation.isHarm)
        }
    }

    /// Every profile alone and with each variation it allows, a few combinations, Basic client authentication and short-lived tokens.
    public static var conformant: [DeviationMatrix.Target] {
        var targets: [DeviationMatrix.Target] = []
        for profile in SimulatorProfile.allCases {
            var options = SimulatorOptions()
            options.profile = profile
            targets.append(simulator(name: profile.rawValue, summary: "no variation", section: .conformant, options: options))
            for variation in Variation.allCases where variation.profiles.contains(profile) {
                options.variations = [variation]
                targets.append(simulator(
                    name: "\(profile.rawValue) + \(variation.rawValue)", summary: variation.summary, section: .conformant, options: options,
                    mayFailOnMessages: variation.changesDocumentedMessage))
            }
        }
        for combination: [Variation] in [[.keepAliveOff, .chunked, .shuffledKeys], [.prettyJSON, .charset, .extraFields], [.noRouteOnBadToken, .passwordAlias]] {
            for profile in [SimulatorProfile.v3_32, .v4] {
                var options = SimulatorOptions()
                options.profile = profile
                options.variations = Set(combination)
                targets.append(simulator(
                    name: ([profile.rawValue] + combination.map(\.rawValue)).joined(separator: " + "),
                    summary: "several variations at once", section: .conformant, options: options))
            }
        }
        var basic = SimulatorOptions()
        basic.variations = [.lowercaseBearer]
        targets.append(simulator(
            name: "v4 + lowercase-bearer, Basic client auth", summary: "token from POST /iso/oauth2/token with an HTTP Basic header; token_type \"bearer\"",
            section: .conformant, options: basic,
            configure: { document in
                document["token"] = ["path": "/iso/oauth2/token", "method": "POST", "clientAuth": "basic"]
            }))
        var shortTokens = SimulatorOptions()
        shortTokens.tokenLifetimeSeconds = 1
        targets.append(simulator(name: "v4, token lifetime 1 s", summary: "tokens expire during the run (expires_in 1)", section: .conformant, options: shortTokens))
        return targets
    }

    /// A target that starts the simulator with `options`; `configure` changes its configuration document.
    static func simulator(
        name: String, summary: String, section: DeviationMatrix.Section, options: SimulatorOptions, timeout: Double? = nil,
        mayFailOnMessages: Bool = false, harm: Bool = false, configure: @escaping @Sendable (inout JSONObject) -> Void = { _ in }
    ) -> DeviationMatrix.Target {
        DeviationMatrix.Target(
            name: name, summary: summary, section: section, requestTimeoutSeconds: timeout, mayFailOnMessages: mayFailOnMessages, harm: harm
        ) {
            let server = SimulatorServer(options: options)
            try server.start()
            var document = server.configuration().objectValue ?? JSONObject()
            configure(&document)
            return DeviationMatrix.Started(configuration: .object(document), stop: { server.stop() })
        }
    }
}
