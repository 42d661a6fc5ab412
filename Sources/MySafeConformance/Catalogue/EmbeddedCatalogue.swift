// Generated from Cases/ by `RECORD_CATALOGUE=1 swift test --filter EmbeddedCatalogue`. Do not edit.

/// The repository's `Cases/` folder compiled into the binary, so the built-in catalogue works when installed.
enum EmbeddedCatalogue {
    static let files: [(path: String, contents: String)] = []
}
