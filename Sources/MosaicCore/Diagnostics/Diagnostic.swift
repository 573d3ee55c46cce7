/// A problem in user content, configuration or templates, reported with its place and a hint.
///
/// Problems are values, never thrown errors, so a stage can collect all of them in one run.
public struct Diagnostic: Error, Sendable, Hashable, Comparable {
    public enum Severity: String, Sendable, Hashable, Comparable {
        case error, warning, note

        private var rank: Int {
            switch self {
            case .error: 0
            case .warning: 1
            case .note: 2
            }
        }

        public static func < (lhs: Severity, rhs: Severity) -> Bool { lhs.rank < rhs.rank }
    }

    public var severity: Severity
    public var location: SourceLocation
    /// Stable machine-readable name, e.g. `front-matter.title-type`.
    public var code: String
    public var message: String
    public var hint: String?

    public init(_ severity: Severity, at location: SourceLocation, code: String, _ message: String, hint: String? = nil) {
        self.severity = severity
        self.location = location
        self.code = code
        self.message = message
        self.hint = hint
    }

    /// This diagnostic as a strict build sees it: warnings become errors.
    func promoted(strict: Bool) -> Diagnostic {
        var promoted = self
        if strict, promoted.severity == .warning { promoted.severity = .error }
        return promoted
    }

    public static func error(at location: SourceLocation, code: String, _ message: String, hint: String? = nil) -> Diagnostic {
        Diagnostic(.error, at: location, code: code, message, hint: hint)
    }

    public static func warning(at location: SourceLocation, code: String, _ message: String, hint: String? = nil) -> Diagnostic {
        Diagnostic(.warning, at: location, code: code, message, hint: hint)
    }

    public static func < (lhs: Diagnostic, rhs: Diagnostic) -> Bool {
        (lhs.location, lhs.severity, lhs.message) < (rhs.location, rhs.severity, rhs.message)
    }
}

extension Diagnostic: CustomStringConvertible {
    /// `path:line:col: error: message`, then an indented hint line when there is one.
    public var description: String {
        var text = "\(location): \(severity.rawValue): \(message)"
        if let hint { text += "\n    hint: \(hint)" }
        return text
    }
}

extension Array where Element == Diagnostic {
    public var errorCount: Int { count { $0.severity == .error } }
    public var warningCount: Int { count { $0.severity == .warning } }
    public var hasErrors: Bool { contains { $0.severity == .error } }
}
