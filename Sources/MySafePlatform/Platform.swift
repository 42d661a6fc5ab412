// The one place in the package that imports the C library. Every other file reaches the operating
// system through this file's `Platform` or through the types built on it (`StreamSocket`,
// `ListeningSocket`, `AtomicFiles`, `OpenSSL`). Linux (Glibc) is the tested platform; Musl (static
// Linux SDK) and Darwin build through the same names but are untested (see README, "Portability").
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#else
#error("mysafe-conformance needs a POSIX C library (Glibc, Musl or Darwin)")
#endif

/// Thin wrappers over the C library calls the package needs, each spelled the same on every platform.
public enum Platform {
    // MARK: Errors

    /// The calling thread's `errno`.
    public static var errorNumber: Int32 { errno }

    /// `strerror` of `code` (default: the current `errno`).
    public static func errorText(_ code: Int32) -> String {
        String(cString: strerror(code))
    }

    /// `strerror` of the current `errno`.
    public static func errorText() -> String {
        errorText(errno)
    }

    static let interrupted = EINTR
    static let wouldBlock = EAGAIN
    static let wouldBlockAlternative = EWOULDBLOCK
    static let inProgress = EINPROGRESS
    static let tooManyFilesProcess = EMFILE
    static let tooManyFilesSystem = ENFILE

    // MARK: Time and process

    /// Seconds on the monotonic clock.
    public static func monotonicSeconds() -> Double {
        var time = timespec()
        clock_gettime(CLOCK_MONOTONIC, &time)
        return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
    }

    /// This process's id.
    public static var processID: Int32 { getpid() }

    /// Sleeps the calling thread.
    public static func sleep(microseconds: UInt32) {
        usleep(microseconds)
    }

    // MARK: Files

    /// Removes the directory at `path` only while it is empty (`rmdir`): true when it was removed or was
    /// not empty (a file put there meanwhile keeps it), false with `errno` set on any other failure.
    public static func removeDirectoryIfEmpty(_ path: String) -> Bool {
        rmdir(path) == 0 || errno == ENOTEMPTY || errno == EEXIST
    }

    // MARK: Memory

    /// The offset of the first `needle` in `haystack`, or nil (`memmem`).
    public static func find(_ needle: UnsafeRawBufferPointer, in haystack: UnsafeRawBufferPointer) -> Int? {
        guard needle.count > 0 else { return 0 }
        guard let base = haystack.baseAddress, let found = cMemmem(base, haystack.count, needle.baseAddress, needle.count) else { return nil }
        return base.distance(to: UnsafeRawPointer(found))
    }

    /// Whether `count` bytes at `first` and `second` are equal (`memcmp`).
    public static func equalBytes(_ first: UnsafeRawPointer, _ second: UnsafeRawPointer, count: Int) -> Bool {
        memcmp(first, second, count) == 0
    }

    // MARK: Sockets

    static let pollIn = Int16(POLLIN)
    static let pollOut = Int16(POLLOUT)

    #if canImport(Darwin)
    static let streamType = SOCK_STREAM
    static let noSignalFlags: Int32 = 0
    #else
    static let streamType = Int32(SOCK_STREAM.rawValue)
    static let noSignalFlags = Int32(MSG_NOSIGNAL)
    #endif

    /// A new stream socket, close-on-exec, non-blocking when asked (and, on Darwin, with SIGPIPE off).
    static func streamSocket(family: Int32, nonBlocking: Bool) -> Int32 {
        #if canImport(Darwin)
        let fd = socket(family, SOCK_STREAM, 0)
        guard fd >= 0 else { return fd }
        _ = fcntl(fd, F_SETFD, FD_CLOEXEC)
        if nonBlocking { _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK) }
        var one: Int32 = 1
        setsockopt(fd, SOL_SOCKET, SO_NOSIGPIPE, &one, socklen_t(MemoryLayout<Int32>.size))
        return fd
        #else
        var type = streamType | Int32(SOCK_CLOEXEC.rawValue)
        if nonBlocking { type |= Int32(SOCK_NONBLOCK.rawValue) }
        return socket(family, type, 0)
        #endif
    }

    /// Clears `O_NONBLOCK`: reads and writes then wait, bounded by the socket's timeouts.
    static func setBlocking(_ fd: Int32) {
        _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) & ~O_NONBLOCK)
    }

    /// Looks at the next byte without taking it: 1 when one is there, 0 on orderly close, -1 on error (`errorNumber`).
    static func peekByte(_ fd: Int32) -> Int {
        var byte: UInt8 = 0
        return recv(fd, &byte, 1, Int32(MSG_PEEK))
    }

    /// The `errno` of a connection the peer reset.
    static let connectionReset = ECONNRESET

    static func setCloseOnExec(_ fd: Int32) {
        _ = fcntl(fd, F_SETFD, FD_CLOEXEC)
    }

    static func setIntOption(_ fd: Int32, level: Int32, option: Int32, value: Int32 = 1) {
        var value = value
        setsockopt(fd, level, option, &value, socklen_t(MemoryLayout<Int32>.size))
    }

    static func setNoDelay(_ fd: Int32) {
        setIntOption(fd, level: Int32(IPPROTO_TCP), option: TCP_NODELAY)
    }

    static func setReuseAddress(_ fd: Int32) {
        setIntOption(fd, level: SOL_SOCKET, option: SO_REUSEADDR)
    }

    static func setTimeout(_ fd: Int32, receive: Bool, seconds: Double) {
        var value = timeval()
        value.tv_sec = .init(Int(seconds))
        value.tv_usec = .init(Int((seconds - Double(Int(seconds))) * 1_000_000))
        setsockopt(fd, SOL_SOCKET, receive ? SO_RCVTIMEO : SO_SNDTIMEO, &value, socklen_t(MemoryLayout<timeval>.size))
    }

    static func setResetOnClose(_ fd: Int32) {
        var value = linger()
        value.l_onoff = 1
        value.l_linger = 0
        setsockopt(fd, SOL_SOCKET, SO_LINGER, &value, socklen_t(MemoryLayout<linger>.size))
    }

    /// The pending error of a socket whose non-blocking connect finished (`SO_ERROR`).
    static func pendingError(_ fd: Int32) -> Int32 {
        var code: Int32 = 0
        var length = socklen_t(MemoryLayout<Int32>.size)
        getsockopt(fd, SOL_SOCKET, SO_ERROR, &code, &length)
        return code
    }

    static func close(_ fd: Int32) {
        #if canImport(Glibc)
        _ = Glibc.close(fd)
        #elseif canImport(Musl)
        _ = Musl.close(fd)
        #elseif canImport(Darwin)
        _ = Darwin.close(fd)
        #endif
    }

    /// Which directions `shutdown(_:_:)` ends.
    enum Shutdown {
        case both, write
    }

    /// Ends one or both directions of a connected socket (shutdown(2)); the descriptor stays open.
    static func shutdown(_ fd: Int32, _ how: Shutdown) {
        #if canImport(Darwin)
        let mode = how == .both ? SHUT_RDWR : SHUT_WR
        #else
        let mode = Int32(how == .both ? SHUT_RDWR : SHUT_WR)
        #endif
        #if canImport(Glibc)
        _ = Glibc.shutdown(fd, mode)
        #elseif canImport(Musl)
        _ = Musl.shutdown(fd, mode)
        #elseif canImport(Darwin)
        _ = Darwin.shutdown(fd, mode)
        #endif
    }

    /// `send` without SIGPIPE.
    static func send(_ fd: Int32, _ pointer: UnsafeRawPointer, _ count: Int) -> Int {
        #if canImport(Glibc)
        Glibc.send(fd, pointer, count, noSignalFlags)
        #elseif canImport(Musl)
        Musl.send(fd, pointer, count, noSignalFlags)
        #elseif canImport(Darwin)
        Darwin.send(fd, pointer, count, noSignalFlags)
        #endif
    }

    static func receive(_ fd: Int32, _ pointer: UnsafeMutableRawPointer, _ count: Int) -> Int {
        recv(fd, pointer, count, 0)
    }

    /// Polls one descriptor; the number ready (0 on timeout, -1 on error).
    static func poll(_ fd: Int32, events: Int16, milliseconds: Int32) -> Int32 {
        var entry = pollfd(fd: fd, events: events, revents: 0)
        return pollEntries(&entry, 1, milliseconds)
    }

    /// Polls two descriptors for input; which of them are readable, or nil on error.
    static func pollTwoForInput(_ first: Int32, _ second: Int32) -> (first: Bool, second: Bool)? {
        var entries = [pollfd(fd: first, events: pollIn, revents: 0), pollfd(fd: second, events: pollIn, revents: 0)]
        guard pollEntries(&entries, 2, -1) >= 0 else { return nil }
        return (entries[0].revents & pollIn != 0, entries[1].revents != 0)
    }

    private static func pollEntries(_ entries: UnsafeMutablePointer<pollfd>, _ count: Int, _ milliseconds: Int32) -> Int32 {
        #if canImport(Glibc)
        Glibc.poll(entries, nfds_t(count), milliseconds)
        #elseif canImport(Musl)
        Musl.poll(entries, nfds_t(count), milliseconds)
        #elseif canImport(Darwin)
        Darwin.poll(entries, nfds_t(count), milliseconds)
        #endif
    }

    /// Resolves `host` and connects to each address in turn, non-blocking, before `deadline`.
    static func connect(host: String, port: UInt16, deadline: Deadline) throws(SocketError) -> Int32 {
        var hints = addrinfo()
        hints.ai_family = AF_UNSPEC
        hints.ai_socktype = streamType
        hints.ai_flags = AI_NUMERICSERV
        var list: UnsafeMutablePointer<addrinfo>?
        let status = getaddrinfo(host, String(port), &hints, &list)
        guard status == 0, let first = list else {
            throw .unresolved("\(host) (\(String(cString: gai_strerror(status))))")
        }
        defer { freeaddrinfo(list) }
        var lastError = "no address"
        var node: UnsafeMutablePointer<addrinfo>? = first
        while let current = node {
            node = current.pointee.ai_next
            let candidate = streamSocket(family: current.pointee.ai_family, nonBlocking: true)
            guard candidate >= 0 else {
                lastError = errorText()
                continue
            }
            #if canImport(Glibc)
            var result = Glibc.connect(candidate, current.pointee.ai_addr, current.pointee.ai_addrlen)
            #elseif canImport(Musl)
            var result = Musl.connect(candidate, current.pointee.ai_addr, current.pointee.ai_addrlen)
            #elseif canImport(Darwin)
            var result = Darwin.connect(candidate, current.pointee.ai_addr, current.pointee.ai_addrlen)
            #endif
            if result < 0 && errno == EINPROGRESS {
                if deadline.poll(candidate, events: pollOut) == 0 {
                    close(candidate)
                    throw .timedOut
                }
                let code = pendingError(candidate)
                if code != 0 { errno = code }
                result = code == 0 ? 0 : -1
            }
            if result == 0 {
                setNoDelay(candidate)
                return candidate
            }
            lastError = errorText()
            close(candidate)
        }
        throw .refused(lastError)
    }

    /// A listening IPv4 socket on `host`:`port` (0: any free port); the descriptor and the bound port.
    static func listen(host: String, port: UInt16, backlog: Int32) throws(SocketError) -> (descriptor: Int32, port: UInt16) {
        let (fd, boundPort) = try bindStream(host: host, port: port, reuseAddress: true)
        #if canImport(Glibc)
        let listening = Glibc.listen(fd, backlog)
        #elseif canImport(Musl)
        let listening = Musl.listen(fd, backlog)
        #elseif canImport(Darwin)
        let listening = Darwin.listen(fd, backlog)
        #endif
        guard listening == 0 else {
            let reason = errorText()
            close(fd)
            throw .listenFailed(reason)
        }
        return (fd, boundPort)
    }

    /// An IPv4 stream socket bound to `host`:`port` (0: any free port), not listening; the descriptor and
    /// the bound port. Without `reuseAddress` no other socket can bind the port while this one holds it.
    static func bindStream(host: String, port: UInt16, reuseAddress: Bool) throws(SocketError) -> (descriptor: Int32, port: UInt16) {
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = port.bigEndian
        guard inet_pton(AF_INET, host, &address.sin_addr) == 1 else { throw .invalidAddress(host) }
        let fd = streamSocket(family: AF_INET, nonBlocking: false)
        guard fd >= 0 else { throw .unavailable(errorText()) }
        if reuseAddress { setReuseAddress(fd) }
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard bound == 0 else {
            let reason = errorText()
            close(fd)
            throw .bindFailed(reason)
        }
        var actual = sockaddr_in()
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &actual) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
        }
        return (fd, UInt16(bigEndian: actual.sin_port))
    }

    /// Accepts one connection (blocking, close-on-exec); -1 on failure (see `errorNumber`).
    static func accept(_ listener: Int32) -> Int32 {
        #if canImport(Glibc)
        let client = Glibc.accept(listener, nil, nil)
        #elseif canImport(Musl)
        let client = Musl.accept(listener, nil, nil)
        #elseif canImport(Darwin)
        let client = Darwin.accept(listener, nil, nil)
        #endif
        if client >= 0 {
            setCloseOnExec(client)
            #if canImport(Darwin)
            setIntOption(client, level: SOL_SOCKET, option: SO_NOSIGPIPE)
            #endif
        }
        return client
    }

    /// A close-on-exec pipe: (read end, write end).
    static func makePipe() throws(SocketError) -> (Int32, Int32) {
        var ends: [Int32] = [-1, -1]
        guard pipe(&ends) == 0 else { throw .unavailable(errorText()) }
        for end in ends { setCloseOnExec(end) }
        return (ends[0], ends[1])
    }

    static func writeByte(_ fd: Int32) {
        var byte: UInt8 = 1
        #if canImport(Glibc)
        _ = Glibc.write(fd, &byte, 1)
        #elseif canImport(Musl)
        _ = Musl.write(fd, &byte, 1)
        #elseif canImport(Darwin)
        _ = Darwin.write(fd, &byte, 1)
        #endif
    }

    // MARK: Files

    /// The identity (device, inode) of what `fd` refers to, or nil when it is not open (`fstat`).
    public static func fileIdentity(_ fd: Int32) -> FileIdentity? {
        var info = stat()
        guard fstat(fd, &info) == 0 else { return nil }
        return FileIdentity(device: UInt64(truncatingIfNeeded: info.st_dev), inode: UInt64(truncatingIfNeeded: info.st_ino))
    }

    /// The descriptors this process has open, found by asking each number up to the descriptor limit
    /// (capped at 65,536) whether it is open: the same on every platform, no `/proc` needed.
    public static func openDescriptors() -> [Int32] {
        let limit = Int32(min(max(sysconf(Int32(_SC_OPEN_MAX)), 1024), 65_536))
        return (0..<limit).filter { fcntl($0, F_GETFD) != -1 }
    }

    static func createExclusive(_ path: String) -> Int32 {
        open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
    }

    static func openForReading(_ path: String) -> Int32 {
        open(path, O_RDONLY | O_CLOEXEC)
    }

    static func write(_ fd: Int32, _ pointer: UnsafeRawPointer, _ count: Int) -> Int {
        #if canImport(Glibc)
        Glibc.write(fd, pointer, count)
        #elseif canImport(Musl)
        Musl.write(fd, pointer, count)
        #elseif canImport(Darwin)
        Darwin.write(fd, pointer, count)
        #endif
    }

    static func closeFile(_ fd: Int32) -> Int32 {
        #if canImport(Glibc)
        Glibc.close(fd)
        #elseif canImport(Musl)
        Musl.close(fd)
        #elseif canImport(Darwin)
        Darwin.close(fd)
        #endif
    }

    static func duplicate(_ fd: Int32) -> Int32 { dup(fd) }
    static func flush(_ fd: Int32) -> Int32 { fsync(fd) }
    static func move(_ from: String, _ to: String) -> Int32 { rename(from, to) }
    static func remove(_ path: String) { unlink(path) }

    /// `syncfs(2)` where there is one (Linux): flushes every file of the file system holding `fd`; -1 elsewhere.
    static func syncFileSystem(_ fd: Int32) -> Int32 {
        #if os(Linux)
        return cSyncfs(fd)
        #else
        return -1
        #endif
    }

    /// Ignores SIGPIPE for the whole process: a write to a connection the peer closed then fails with
    /// EPIPE instead of killing the process. Needed once TLS is in use, because OpenSSL writes through its
    /// own socket calls, which cannot pass MSG_NOSIGNAL.
    static func ignoreBrokenPipe() {
        _ = signal(SIGPIPE, SIG_IGN)
    }

    // MARK: Dynamic libraries

    /// `dlopen(name, RTLD_NOW | RTLD_LOCAL)`; nil with the loader's reason when it cannot be loaded.
    static func loadLibrary(_ name: String) -> (handle: UnsafeMutableRawPointer?, reason: String) {
        if let handle = dlopen(name, RTLD_NOW | RTLD_LOCAL) { return (handle, "") }
        return (nil, dlerror().map { String(cString: $0) } ?? "not found")
    }

    /// `dlsym(handle, name)`.
    static func symbol(_ handle: UnsafeMutableRawPointer, _ name: String) -> UnsafeMutableRawPointer? {
        dlsym(handle, name)
    }
}

/// Why a socket could not be opened, connected or bound.
public enum SocketError: Error, Sendable, Hashable {
    case unresolved(String)
    case refused(String)
    case timedOut
    case invalidAddress(String)
    case unavailable(String)
    case bindFailed(String)
    case listenFailed(String)
}

/// `memmem`, which Swift's Glibc module does not import (declared only under _GNU_SOURCE).
@_silgen_name("memmem")
private func cMemmem(_ haystack: UnsafeRawPointer?, _ haystackLength: Int, _ needle: UnsafeRawPointer?, _ needleLength: Int) -> UnsafeMutableRawPointer?

#if os(Linux)
/// `syncfs`, which Swift's Glibc module does not import (declared only under _GNU_SOURCE).
@_silgen_name("syncfs")
private func cSyncfs(_ descriptor: Int32) -> Int32
#endif
