/// How a `SimulatorServer` listens, which documents it follows and how it misbehaves.
public struct SimulatorOptions: Sendable {
    /// The address to bind: loopback unless told otherwise.
    public var host: String = "127.0.0.1"
    /// The port to bind; 0 lets the system pick a free one.
    public var port: UInt16 = 0
    public var profile: SimulatorProfile = .v4
    /// Departures from the documents, each one named switch.
    public var deviations: Set<Deviation> = []
    /// Conformant ways of answering that a client must accept.
    public var variations: Set<Variation> = []
    /// The `expires_in` of issued tokens; a token is refused once it has run out.
    public var tokenLifetimeSeconds: Int = 3600
    /// Every answer (MySafe and token endpoint) waits this long before it is sent, as a distant
    /// deployment's would (`serve --latency-ms N`); 0 answers at once.
    public var latencySeconds: Double = 0
    /// The delay of every MySafe answer under the `slow-answers` deviation.
    public var slowAnswerSeconds: Double = 3
    /// An idle connection (or one that stops sending mid-request) is closed after this long.
    public var readTimeoutSeconds: Double = 10
    /// A request line and header block past this size is answered 431.
    public var maximumHeaderBytes: Int = 16_384
    /// A request body past this size is answered 413.
    public var maximumBodyBytes: Int = 65_536
    /// At most this many connections are served at once; more are answered 503 and closed.
    public var maximumConnections: Int = 256
    /// Serve https with this certificate and key (and, with a client CA, require client certificates).
    public var tls: SimulatorTLS?
    /// Keep every request line received and every token issued, for tests that search them
    /// (`SimulatorServer.receivedRequestLines()`, `issuedTokens()`); they grow without bound.
    public var recordsTraffic = false

    public init() {}
}
