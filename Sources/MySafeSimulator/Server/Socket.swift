import Glibc

/// Thin wrappers over the Glibc socket calls the server uses.
enum Socket {
    static func errorText(_ code: Int32 = errno) -> String {
        String(cString: strerror(code))
    }

    static func setTimeout(_ fd: Int32, option: Int32, seconds: Double) {
        var value = timeval(tv_sec: Int(seconds), tv_usec: Int((seconds - Double(Int(seconds))) * 1_000_000))
        setsockopt(fd, SOL_SOCKET, option, &value, socklen_t(MemoryLayout<timeval>.size))
    }

    static func setFlag(_ fd: Int32, level: Int32, option: Int32) {
        var one: Int32 = 1
        setsockopt(fd, level, option, &one, socklen_t(MemoryLayout<Int32>.size))
    }

    /// Makes the next `close` reset the connection instead of closing it gracefully.
    static func setResetOnClose(_ fd: Int32) {
        var linger = Glibc.linger(l_onoff: 1, l_linger: 0)
        setsockopt(fd, SOL_SOCKET, SO_LINGER, &linger, socklen_t(MemoryLayout<Glibc.linger>.size))
    }

    /// Sends all of `bytes`; false when the peer is gone or the send timed out.
    static func sendAll(_ fd: Int32, _ bytes: ArraySlice<UInt8>) -> Bool {
        var offset = bytes.startIndex
        while offset < bytes.endIndex {
            let sent = bytes[offset...].withUnsafeBytes { buffer in
                send(fd, buffer.baseAddress, buffer.count, Int32(MSG_NOSIGNAL))
            }
            if sent < 0 {
                if errno == EINTR { continue }
                return false
            }
            offset += sent
        }
        return true
    }

    /// Receives what has arrived into `scratch` and appends it to `buffer`; false when the peer
    /// closed, the read timed out or failed.
    static func receive(_ fd: Int32, into buffer: inout [UInt8], scratch: inout [UInt8]) -> Bool {
        while true {
            let count = scratch.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
            if count < 0, errno == EINTR { continue }
            guard count > 0 else { return false }
            buffer += scratch[0..<count]
            return true
        }
    }
}
