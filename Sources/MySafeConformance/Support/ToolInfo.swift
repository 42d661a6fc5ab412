/// The tool's own identity, reported in every report.
public enum ToolInfo {
    public static let name = "mysafe-conformance"
    public static let version = "0.1.0"
}
