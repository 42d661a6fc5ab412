import MySafeJSON

extension Variation {
    /// This variation's conformant difference, as a transformation of one stage.
    var behaviour: Behaviour {
        switch self {
        case .keepAliveOff:
            return Behaviour(anyAnswer: { $0.closesConnection = true })
        case .chunked:
            return Behaviour(encoding: { $0.chunked = true })
        case .shuffledKeys:
            return Behaviour(encoding: { $0.shuffleSeed = 0x5EED_CAFE })
        case .prettyJSON:
            return Behaviour(encoding: { $0.pretty = true })
        case .charset:
            return Behaviour(anyAnswer: { answer in
                if answer.contentType == "application/json" { answer.contentType = "application/json; charset=utf-8" }
            })
        case .lowercaseBearer:
            return Behaviour(tokenBody: { $0["token_type"] = "bearer" })
        case .extraFields:
            return Behaviour(envelope: { envelope in
                envelope.extraResponseMembers.append(.init(key: "trace_id", value: "0af7651916cd43dd8448eb211c80319c"))
                envelope.extraTopLevelMembers.append(.init(key: "request_id", value: "req-000000000001"))
            })
        case .noRouteOnBadToken:
            return Behaviour(authenticationFailure: { $0 = .noRoute })
        case .notAuthorizedMessage:
            return Behaviour(authenticationFailure: { answer in
                if answer.status == 401 { answer = .gateway(401, "You are not authorized to access this resource.") }
            })
        case .passwordAlias:
            return Behaviour(routes: { $0.mySafePrefixes.append("/api/mysafe/password/") })
        case .documentedTokenEndpoint:
            return Behaviour(routes: { $0.tokenMethods.insert("GET") })
        case .tokenRevokedOnIssue:
            return Behaviour(
                authenticationFailure: { $0 = .gateway(404, "No route matched with those values.") },
                tokenPolicy: { $0.revokesEarlierTokens = true })
        case .repeatCalls400:
            return Behaviour(outcome: { outcome, _ in
                switch outcome.situation {
                case .alreadyActivated, .alreadyDeactivated:
                    let text = outcome.situation == .alreadyActivated ? "already active" : "already inactive"
                    outcome = Outcome(
                        operation: outcome.operation, situation: outcome.situation, status: 400, message: "1007: Api secret \(text)",
                        errorNumber: 1007, includesCode: true, newState: nil)
                default: break
                }
            })
        case .errorsWithoutException:
            return Behaviour(envelope: { envelope in
                if envelope.isError { envelope.exception = nil }
            })
        case .htmlErrorPages:
            return Behaviour(routes: { $0.htmlErrorPages = true })
        case .notAuthorizedUnknownRoute:
            return Behaviour(noRoute: { $0 = .gateway(401, "You are not authorized to access this resource.") })
        case .trailingSlashIgnored:
            return Behaviour(routes: { $0.ignoresTrailingSlash = true })
        case .leadingZeroIdentifier:
            return Behaviour(identifier: { id, segment in id = id ?? IdentifierParsing.leadingZeros(segment) })
        case .repeatCallsSucceed:
            return Behaviour(outcome: { outcome, profile in
                switch outcome.situation {
                case .alreadyActivated: outcome.message = profile.activatedMessage
                case .alreadyDeactivated:
                    outcome.message = profile.deactivatedMessage
                    outcome.includesCode = profile.deactivatedHasCode
                default: break
                }
            })
        case .applicationErrorEnvelopes:
            return Behaviour(
                routes: { $0.applicationErrorEnvelopes = true },
                authenticationFailure: { $0 = .applicationError(401) })
        case .singleSpaceDeactivate:
            return Behaviour(outcome: { outcome, profile in
                if outcome.situation == .deactivated, profile == .v3_32 { outcome.message = "API secret successfully deactivated" }
            })
        }
    }
}
