/// A loopback port held without listening: the kernel refuses every connection to it, and no other
/// socket is given it while it is held (a port bound and closed again may be taken by the next server
/// that asks for a free one). For proving what happens with a target nothing answers on.
public final class RefusingPort: Sendable {
    public let port: UInt16
    private let descriptor: Int32

    public init(host: String = "127.0.0.1") throws(SocketError) {
        (descriptor, port) = try Platform.bindStream(host: host, port: 0, reuseAddress: false)
    }

    deinit { Platform.close(descriptor) }
}
