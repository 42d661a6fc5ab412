/// Writes a set of files so that readers see each old file or its new content, never a part.
public enum AtomicFiles {
    /// A file that could not be written or moved into place.
    public struct Failure: Error, Sendable {
        public var path: String
        public var reason: String
    }

    /// Writes each text to a new temporary file beside its destination, flushes them all to disk at once,
    /// then renames each over its path.
    ///
    /// One `syncfs` instead of an `fsync` per file: a run with thousands of cases writes thousands of
    /// transcripts, and a flush each cost several milliseconds (seconds in all).
    public static func write(_ files: [(text: String, path: String)]) throws(Failure) {
        var temporaries: [String] = []
        var renamed = 0
        defer { for temporary in temporaries.dropFirst(renamed) { Platform.remove(temporary) } }
        var flushHandle: Int32 = -1
        defer { if flushHandle >= 0 { _ = Platform.closeFile(flushHandle) } }
        for file in files {
            let slash = file.path.lastIndex(of: "/")
            let directory = slash.map { String(file.path[..<$0]) } ?? ""
            let name = slash.map { String(file.path[file.path.index(after: $0)...]) } ?? file.path
            let temporary = (directory.isEmpty ? "." : directory) + "/.\(name).\(Platform.processID).\(UInt32.random(in: 0...UInt32.max)).tmp"
            let descriptor = Platform.createExclusive(temporary)
            if descriptor < 0 { throw Failure(path: file.path, reason: Platform.errorText()) }
            temporaries.append(temporary)
            var failure = writeAll(file.text, to: descriptor)
            if failure == nil, flushHandle < 0 {
                flushHandle = Platform.duplicate(descriptor)
            }
            if Platform.closeFile(descriptor) != 0, failure == nil { failure = Platform.errorText() }
            if let failure { throw Failure(path: file.path, reason: failure) }
        }
        if flushHandle >= 0, Platform.syncFileSystem(flushHandle) != 0 {
            // No syncfs: flush file by file.
            for (index, temporary) in temporaries.enumerated() {
                let descriptor = Platform.openForReading(temporary)
                let failed = descriptor < 0 || Platform.flush(descriptor) != 0
                let reason = Platform.errorText()
                if descriptor >= 0 { _ = Platform.closeFile(descriptor) }
                if failed { throw Failure(path: files[index].path, reason: reason) }
            }
        }
        for (index, temporary) in temporaries.enumerated() {
            if Platform.move(temporary, files[index].path) != 0 { throw Failure(path: files[index].path, reason: Platform.errorText()) }
            renamed += 1
        }
    }

    /// Writes `text` to `descriptor`; the reason when it could not.
    private static func writeAll(_ text: String, to descriptor: Int32) -> String? {
        var failure: String?
        var bytes = Array(text.utf8)
        bytes.withUnsafeMutableBytes { buffer in
            var offset = 0
            while offset < buffer.count {
                let count = Platform.write(descriptor, buffer.baseAddress! + offset, buffer.count - offset)
                if count < 0 {
                    if Platform.errorNumber == Platform.interrupted { continue }
                    failure = Platform.errorText()
                    return
                }
                offset += count
            }
        }
        return failure
    }
}
