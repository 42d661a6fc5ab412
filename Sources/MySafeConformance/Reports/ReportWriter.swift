public import Foundation
import MySafePlatform

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
    /// exchanges outside cases, `transcripts/run.txt`, after removing what an earlier run left there
    /// (``ReportDirectory/removeEarlierRun(in:)``). Creates the directories. Returns the paths written.
    public func write(_ result: RunResult) throws(Error) -> [String] {
        let transcripts = (directory as NSString).appendingPathComponent(Self.transcriptsDirectory)
        try createDirectory(directory)
        try ReportDirectory.removeEarlierRun(in: directory)
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
        let ordered = ReportFormat.ordered(result.cases)
        var paths: [String] = []
        for item in ordered {
            var name = Transcript.fileName(for: item.id)
            var counter = 2
            while !names.insert(name).inserted {
                name = String(Transcript.fileName(for: item.id).dropLast(4)) + "-\(counter).txt"
                counter += 1
            }
            paths.append((transcripts as NSString).appendingPathComponent(name))
        }
        // One transcript per case, rendered on every core: with thousands of cases it is most of the writing.
        for (index, text) in Self.concurrentMap(ordered, { Transcript.render($0, redactor: redactor) }).enumerated() {
            put(text, paths[index])
        }
        if !result.runExchanges.isEmpty {
            put(Transcript.renderRun(result, redactor: redactor),
                (transcripts as NSString).appendingPathComponent(Transcript.runFileStem + ".txt"))
        }
        try Self.writeAllAtomically(files)
        return files.map(\.path)
    }

    /// `transform` of each element, computed on all cores, in order.
    static func concurrentMap<Element: Sendable>(_ elements: [Element], _ transform: @Sendable (Element) -> String) -> [String] {
        let results = LockedBox([String?](repeating: nil, count: elements.count))
        let chunks = max(1, min(elements.count, ProcessInfo.processInfo.activeProcessorCount * 4))
        DispatchQueue.concurrentPerform(iterations: chunks) { chunk in
            var index = chunk
            var local: [(Int, String)] = []
            while index < elements.count {
                local.append((index, transform(elements[index])))
                index += chunks
            }
            results.withLock { for (position, text) in local { $0[position] = text } }
        }
        return results.withLock { $0.map { $0 ?? "" } }
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

    /// Writes every file atomically (see `AtomicFiles`).
    static func writeAllAtomically(_ files: [(text: String, path: String)]) throws(Error) {
        do {
            try AtomicFiles.write(files)
        } catch {
            throw .cannotWrite(path: error.path, reason: error.reason)
        }
    }

    private static func describe(_ error: any Swift.Error) -> String {
        let nsError = error as NSError
        if let underlying = nsError.userInfo[NSUnderlyingErrorKey] as? NSError, underlying.domain == NSPOSIXErrorDomain,
            let code = POSIXErrorCode(rawValue: Int32(underlying.code))
        {
            return Platform.errorText(code.rawValue)
        }
        return nsError.localizedDescription
    }
}
