import Foundation
import MySafeJSON

extension Deviation {
    /// This deviation's single departure, as a transformation of one stage.
    func behaviour(options: SimulatorOptions) -> Behaviour {
        switch self {
        case .mirrorMensagemDiffers:
            return Behaviour(envelope: { envelope in
                if let text = envelope.message.stringValue { envelope.mensagem = .string(Self.portuguese(text)) }
            })
        case .mirrorCodErroMissing:
            return Behaviour(envelope: { $0.codErro = nil })
        case .erroAsString:
            return Behaviour(envelope: { envelope in
                if let flag = envelope.erro.boolValue { envelope.erro = .string(flag ? "true" : "false") }
            })
        case .codeMismatch:
            return Behaviour(envelope: { envelope in
                if let code = envelope.code?.intValue { envelope.code = .integer(code == 200 ? 201 : 200) }
            })
        case .statusMismatch:
            return Behaviour(envelope: { envelope in
                if let status = envelope.status.intValue { envelope.status = .integer(status == 200 ? 201 : 200) }
            })
        case .errorCodeZeroOnError:
            return Behaviour(envelope: { envelope in
                guard envelope.isError else { return }
                envelope.errorCode = 0
                envelope.codErro = 0
            })
        case .exceptionMissing:
            return Behaviour(envelope: { envelope in
                if envelope.isError { envelope.exception = nil }
            })
        case .exceptionCodeMismatch:
            return Behaviour(envelope: { envelope in
                envelope.exception?["code"] = 1000
            })
        case .alreadyActive400:
            return Behaviour(outcome: { outcome, profile in
                guard outcome.situation == .alreadyActivated else { return }
                outcome = .documented(.alreadyActiveRefused, operation: outcome.operation, profile: profile)
            })
        case .idempotencyMessageWrong:
            return Behaviour(outcome: { outcome, profile in
                switch outcome.situation {
                case .alreadyActivated: outcome.message = profile.activatedMessage
                case .alreadyDeactivated: outcome.message = profile.deactivatedMessage
                default: break
                }
            })
        case .activateToggles:
            return Behaviour(outcome: { outcome, _ in
                if outcome.situation == .alreadyActivated { outcome.newState = false }
            })
        case .successWithoutStateChange:
            return Behaviour(outcome: { outcome, _ in
                if outcome.situation == .activated || outcome.situation == .deactivated { outcome.newState = nil }
            })
        case .missingId200:
            return Behaviour(outcome: { outcome, profile in
                guard outcome.situation == .notFound else { return }
                let success: Outcome.Situation = outcome.operation == .activate ? .activated : .deactivated
                outcome = .documented(success, operation: outcome.operation, profile: profile)
                outcome.newState = nil
            })
        case .missingId404:
            return Behaviour(outcome: { outcome, _ in
                if outcome.situation == .notFound { outcome.status = 404 }
            })
        case .noAccessAsNotFound:
            return Behaviour(outcome: { outcome, profile in
                guard outcome.situation == .noAccess else { return }
                outcome = .documented(.notFound, operation: outcome.operation, profile: profile)
            })
        case .forgedTokenAccepted:
            return Behaviour(authentication: { identity, credential in
                if identity == nil, case .bearer = credential { identity = DemoData.owner }
            })
        case .noTokenAccepted:
            return Behaviour(authentication: { identity, credential in
                if identity == nil, credential == .missing { identity = DemoData.owner }
            })
        case .outsiderCanDeactivate:
            return Behaviour(access: { allowed, operation in
                if operation == .deactivate { allowed = true }
            })
        case .getMutates:
            return Behaviour(routes: { $0.mySafeMethods.insert("GET") })
        case .htmlContentType:
            return Behaviour(mySafeAnswer: { $0.contentType = "text/html" })
        case .always500:
            return Behaviour(interception: Answer(status: 500, json: Envelope.serverFault.json, origin: .mysafe))
        case .gateway502:
            return Behaviour(interception: .badGateway)
        case .gateway504:
            return Behaviour(interception: .gatewayTimeout)
        case .slowAnswers:
            let delay = options.slowAnswerSeconds
            return Behaviour(mySafeAnswer: { $0.delaySeconds += delay })
        case .closeMidBody:
            return Behaviour(mySafeAnswer: { $0.delivery = .closeAfterHalfBody })
        case .emptyBody:
            return Behaviour(mySafeBytes: { $0 = [] })
        case .truncatedJSON:
            return Behaviour(mySafeBytes: { $0 = Array($0.prefix($0.count / 2)) })
        case .invalidUTF8:
            return Behaviour(mySafeBytes: { Self.insertInvalidUTF8(intoMessageOf: &$0) })
        case .hugeBody:
            return Behaviour(envelope: { $0.detail = .string(String(repeating: "x", count: 2 * 1024 * 1024)) })
        case .redirect:
            var answer = Answer(status: 302, bytes: [], contentType: nil, origin: .gateway)
            answer.extraHeaders = [("Location", "/elsewhere")]
            return Behaviour(interception: answer)
        case .connectionReset:
            var answer = Answer(status: 500, bytes: [], contentType: nil, origin: .gateway)
            answer.delivery = .reset
            return Behaviour(interception: answer)
        case .tokenTypeWrong:
            return Behaviour(tokenBody: { $0["token_type"] = "mac" })
        case .tokenExpiresInString:
            return Behaviour(tokenBody: { body in
                if let seconds = body["expires_in"]?.intValue { body["expires_in"] = .string(String(seconds)) }
            })
        case .wrongSecretIssuesToken:
            return Behaviour(tokenDecision: { decision in
                if case .wrongSecret(let clientId) = decision { decision = .issue(clientId: clientId) }
            })
        case .emptySecretIssuesToken:
            return Behaviour(tokenDecision: { decision in
                if case .emptySecret(let clientId) = decision { decision = .issue(clientId: clientId) }
            })
        case .noSecretIssuesToken:
            return Behaviour(tokenDecision: { decision in
                if case .noSecret(let clientId) = decision { decision = .issue(clientId: clientId) }
            })
        case .expiredTokenAccepted:
            return Behaviour(tokenPolicy: { $0.acceptsExpiredTokens = true })
        case .successMessageWrong:
            return Behaviour(outcome: { outcome, _ in
                guard outcome.situation == .activated || outcome.situation == .deactivated else { return }
                outcome.message = outcome.message.replacingOccurrences(of: "successfully", with: "succesfully")
            })
        case .errorFlagFalseOnError:
            return Behaviour(envelope: { envelope in
                guard envelope.isError else { return }
                envelope.error = false
                envelope.erro = false
            })
        case .detailNotString:
            return Behaviour(envelope: { $0.detail = .null })
        case .putMutates:
            return Behaviour(routes: { $0.mySafeMethods.insert("PUT") })
        case .deleteMutates:
            return Behaviour(routes: { $0.mySafeMethods.insert("DELETE") })
        case .patchMutates:
            return Behaviour(routes: { $0.mySafeMethods.insert("PATCH") })
        case .lenientIdentifier:
            return Behaviour(identifier: { id, segment in id = id ?? IdentifierParsing.intval(segment) })
        case .unicodeDigits:
            return Behaviour(identifier: { id, segment in id = id ?? IdentifierParsing.unicodeDigits(segment) })
        case .radixIdentifier:
            return Behaviour(identifier: { id, segment in id = id ?? IdentifierParsing.strtolBase0(segment) })
        case .identifierWraps:
            return Behaviour(identifier: { id, segment in id = IdentifierParsing.wrapping32(segment) ?? id })
        case .lostUpdate:
            return Behaviour(raceWindowSeconds: 0.05)
        case .longIdentifier500:
            return Behaviour(identifierInterception: { segment in
                guard segment.utf8.count > 1024 else { return nil }
                return Answer(status: 500, bytes: Array(Self.stackTrace(segment).utf8), contentType: "text/html; charset=UTF-8", origin: .mysafe)
            })
        case .extraExceptionOnSuccess:
            return Behaviour(envelope: { envelope in
                guard !envelope.isError else { return }
                envelope.exception = JSONObject(["code": 200, "message": envelope.message, "detail": .null])
            })
        }
    }

    /// The page a PHP application in debug mode shows for an uncaught error: what `long-identifier-500` answers.
    static func stackTrace(_ segment: String) -> String {
        """
        <html><head><title>Whoops! There was an error.</title></head><body>
        <h1>PDOException</h1><p>SQLSTATE[22003]: Numeric value out of range: 1264 Out of range value for column 'id' at row 1</p>
        <pre>#0 /var/www/senhasegura/app/Repositories/ApiSecretRepository.php(88): PDOStatement->execute(Array)
        #1 /var/www/senhasegura/app/Http/Controllers/MySafe/SecretApiController.php(41): ApiSecretRepository->find('\(segment.prefix(40))...')
        #2 /var/www/senhasegura/vendor/laravel/framework/src/Illuminate/Routing/Controller.php(54): SecretApiController->active('\(segment.prefix(40))...')
        #3 {main}</pre></body></html>
        """
    }

    /// A Portuguese rendering of a MySafe message, never equal to the English one.
    static func portuguese(_ message: String) -> String {
        let translations: [String: String] = [
            "Api secret activated successfully": "Segredo de API ativado com sucesso",
            "Api secret has already been activated": "O segredo de API já estava ativo",
            "Api secret successfully deactivated": "Segredo de API inativado com sucesso",
            "API secret  successfully deactivated": "Segredo de API inativado com sucesso",
            "Api secret has already been deactivated": "O segredo de API já estava inativo",
            "1005: Api secret not found": "1005: Segredo de API não encontrado",
            "1006: User does not have access": "1006: Usuário não possui acesso",
            "1007: Api secret already active": "1007: Segredo de API já está ativo",
            "Unexpected error.": "Erro inesperado.",
        ]
        return translations[message] ?? "pt: " + message
    }

    /// Puts the invalid UTF-8 sequence 0xC3 0x28 at the start of the first `message` string of a JSON text.
    static func insertInvalidUTF8(intoMessageOf bytes: inout [UInt8]) {
        let key = Array("\"message\"".utf8)
        guard bytes.count >= key.count else { return }
        for start in 0...(bytes.count - key.count) where bytes[start..<(start + key.count)].elementsEqual(key) {
            var index = start + key.count
            while index < bytes.count, bytes[index] != UInt8(ascii: "\"") { index += 1 }
            guard index < bytes.count else { return }
            bytes.insert(contentsOf: [0xC3, 0x28], at: index + 1)
            return
        }
    }
}
