import MySafeJSON

/// The MySafe response envelope, member by member, so a deviation can change one member's value or type.
struct Envelope: Sendable {
    /// Top-level `code`; nil when absent.
    var code: JSONValue?
    var status: JSONValue
    var message: JSONValue
    var error: JSONValue
    var errorCode: JSONValue
    var detail: JSONValue
    var mensagem: JSONValue
    var erro: JSONValue
    /// nil when absent.
    var codErro: JSONValue?
    /// The `exception` object; nil when absent.
    var exception: JSONObject?
    /// Whether the call failed (decides which deviations fit; not written).
    var isError: Bool
    /// Undocumented members appended to `response`.
    var extraResponseMembers: [JSONObject.Member] = []
    /// Undocumented members appended at the top level.
    var extraTopLevelMembers: [JSONObject.Member] = []

    /// The documented envelope of `outcome`.
    init(_ outcome: Outcome) {
        let flag = outcome.isError
        let number = flag ? 1 : 0
        code = outcome.includesCode ? .integer(outcome.status) : nil
        status = .integer(outcome.status)
        message = .string(outcome.message)
        error = .bool(flag)
        errorCode = .integer(number)
        detail = ""
        mensagem = .string(outcome.message)
        erro = .bool(flag)
        codErro = .integer(number)
        if let errorNumber = outcome.errorNumber {
            exception = JSONObject([
                "code": .integer(errorNumber), "message": .string(outcome.message), "detail": .null,
            ])
        }
        isError = flag
    }

    /// The 500 `Unexpected error.` envelope of the documents' server fault.
    static var serverFault: Envelope {
        var envelope = Envelope(
            Outcome(
                operation: .activate, situation: .notFound, status: 500, message: "Unexpected error.",
                errorNumber: 500, includesCode: true, newState: nil))
        envelope.isError = true
        return envelope
    }

    /// The members in the documents' order.
    var json: JSONValue {
        var response = JSONObject()
        response["status"] = status
        response["message"] = message
        response["error"] = error
        response["error_code"] = errorCode
        response["detail"] = detail
        response["mensagem"] = mensagem
        response["erro"] = erro
        response["cod_erro"] = codErro
        var members: [JSONObject.Member] = []
        if let code { members.append(.init(key: "code", value: code)) }
        members.append(.init(key: "response", value: .object(JSONObject(response.members + extraResponseMembers))))
        if let exception { members.append(.init(key: "exception", value: .object(exception))) }
        return .object(JSONObject(members + extraTopLevelMembers))
    }
}
