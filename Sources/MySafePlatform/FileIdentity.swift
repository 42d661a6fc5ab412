/// What a descriptor refers to (device and inode), so a test can tell whether the same file, socket or
/// pipe is still open even when its number has been reused.
public struct FileIdentity: Hashable, Sendable {
    public let device: UInt64
    public let inode: UInt64
}
