public import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Writes every report of a run into one directory (Reports/README.md), each file atomically.
public struct ReportWriter: Sendable {
    /// Why a report could not be written.
    public enum Error: Swift.Error, LocalizedError, Sendable, Equatable {
        /// The report directory (or `transcripts/` in it) could not be created.
        case cannotCreateDirectory(path: String, reason: String)
        /// A report file could not be written or moved into place.
        case cannotWrite(path: String, reason: String)

        public var errorDescription: String? {
            switch self {
            case .cannotCreateDirectory(let path, let reason):
                return "\(path): error: cannot create the report directory: \(reason)"
            case .cannotWrite(let path, let reason):
                return "\(path): error: cannot write the report: \(reason)"
            }
        }
    }

    public let directory: String
    public let redactor: Redactor

    public init(directory: String, redactor: Redactor) {
        self.directory = directory
        self.redactor = redactor
    }

    /// The subdirectory holding one transcript per case.
    public static let transcriptsDirectory = "transcripts"

    /// Writes `junit.xml`, `summary.json`, `summary.md`, `transcripts/<case>.txt` and, when the run made
    /// exchanges outside cases, `transcripts/run.txt`. Creates the directories. Returns the paths written.
    public func write(_ result: RunResult) throws(Error) -> [String] {
        let transcripts = (directory as NSString).appendingPathComponent(Self.transcriptsDirectory)
        try createDirectory(directory)
        try createDirectory(transcripts)
        let redactor = redactor.harvesting(from: result)
        var files: [(text: String, path: String)] = []
        // Every renderer below redacts its own finished text with `redactor`.
        func put(_ text: String, _ path: String) {
            files.append((text, path))
        }
        put(JUnitReport.render(result, redactor: redactor), path("junit.xml"))
        put(SummaryJSON.renderText(result, redactor: redactor), path("summary.json"))
        put(SummaryMarkdown.render(result, redactor: redactor), path("summary.md"))
        var names = Set<String>()
        for item in ReportFormat.ordered(result.cases) {
            var name = Transcript.fileName(for: item.id)
            var counter = 2
            while !names.insert(name).inserted {
                name = String(Transcript.fileName(for: item.id).dropLast(4)) + "-\(counter).txt"
                counter += 1
            }
            put(Transcript.render(item, redactor: redactor), (transcripts as NSString).appendingPathComponent(name))
        }
        if !result.runExchanges.isEmpty {
            put(Transcript.renderRun(result, redactor: redactor),
                (transcripts as NSString).appendingPathComponent(Transcript.runFileStem + ".txt"))
        }
        try Self.writeAllAtomically(files)
        return files.map(\.path)
    }

    private func path(_ name: String) -> String {
        (directory as NSString).appendingPathComponent(name)
    }

    private func createDirectory(_ path: String) throws(Error) {
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) {
            if isDirectory.boolValue { return }
            throw .cannotCreateDirectory(path: path, reason: "a file with that name exists")
        }
        do {
            try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        } catch {
            throw .cannotCreateDirectory(path: path, reason: Self.describe(error))
        }
    }

    /// Writes each text to a new temporary file beside its destination, flushes them all to disk at once,
    /// then renames each over its path, so readers see an old file or a new one, never a part.
    ///
    /// One `syncfs` instead of an `fsync` per file: a run with thousands of cases writes thousands of
    /// transcripts, and a flush each cost several milliseconds (seconds in all).
    static func writeAllAtomically(_ files: [(text: String, path: String)]) throws(Error) {
        var temporaries: [String] = []
        var renamed = 0
        defer { for temporary in temporaries.dropFirst(renamed) { unlink(temporary) } }
        var flushHandle: Int32 = -1
        defer { if flushHandle >= 0 { close(flushHandle) } }
        for file in files {
            let directory = (file.path as NSString).deletingLastPathComponent
            let name = (file.path as NSString).lastPathComponent
            let temporary = (directory.isEmpty ? "." : directory) + "/.\(name).\(getpid()).\(UInt32.random(in: 0...UInt32.max)).tmp"
            let descriptor = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
            if descriptor < 0 { throw .cannotWrite(path: file.path, reason: lastError()) }
            temporaries.append(temporary)
            var failure = writeAll(file.text, to: descriptor)
            if failure == nil, flushHandle < 0 {
                flushHandle = dup(descriptor)
            }
            if close(descriptor) != 0, failure == nil { failure = lastError() }
            if let failure { throw .cannotWrite(path: file.path, reason: failure) }
        }
        if flushHandle >= 0, syncFileSystem(flushHandle) != 0 {
            // No syncfs: flush file by file.
            for (index, temporary) in temporaries.enumerated() {
                let descriptor = open(temporary, O_RDONLY | O_CLOEXEC)
                let failed = descriptor < 0 || fsync(descriptor) != 0
                let reason = lastError()
                if descriptor >= 0 { close(descriptor) }
                if failed { throw .cannotWrite(path: files[index].path, reason: reason) }
            }
        }
        for (index, temporary) in temporaries.enumerated() {
            if rename(temporary, files[index].path) != 0 { throw .cannotWrite(path: files[index].path, reason: lastError()) }
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
                let count = systemWrite(descriptor, buffer.baseAddress! + offset, buffer.count - offset)
                if count < 0 {
                    if errno == EINTR { continue }
                    failure = lastError()
                    return
                }
                offset += count
            }
        }
        return failure
    }

    /// `syncfs(2)` where there is one (Linux): flushes every file of the file system holding `descriptor`.
    private static func syncFileSystem(_ descriptor: Int32) -> Int32 {
        #if os(Linux)
        return linuxSyncfs(descriptor)
        #else
        return -1
        #endif
    }

    private static func systemWrite(_ descriptor: Int32, _ pointer: UnsafeMutableRawPointer, _ count: Int) -> Int {
        #if canImport(Glibc)
        return Glibc.write(descriptor, pointer, count)
        #else
        return Darwin.write(descriptor, pointer, count)
        #endif
    }

    private static func lastError() -> String {
        String(cString: strerror(errno))
    }

    private static func describe(_ error: any Swift.Error) -> String {
        let nsError = error as NSError
        if let underlying = nsError.userInfo[NSUnderlyingErrorKey] as? NSError, underlying.domain == NSPOSIXErrorDomain,
            let code = POSIXErrorCode(rawValue: Int32(underlying.code))
        {
            return String(cString: strerror(code.rawValue))
        }
        return nsError.localizedDescription
    }
}

#if os(Linux)
/// Glibc's `syncfs`, which the Swift Glibc module does not import (it is declared only under _GNU_SOURCE).
@_silgen_name("syncfs")
private func linuxSyncfs(_ descriptor: Int32) -> Int32
#endif
