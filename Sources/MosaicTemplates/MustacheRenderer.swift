/// Renders nodes into a byte buffer, looking names up on a stack of typed values.
///
/// Indentation of standalone partials follows swift-mustache: a node's output is indented when it
/// starts a new line of the output of the template (or section pass) that contains it.
struct MustacheRenderer {
    /// What changes only at partials and parents; the stack of values lives in the renderer, which
    /// pushes and pops around sections instead of copying a stack for every list item.
    struct Scope {
        var indentation: [UInt8]?
        var overrides: [String: [MustacheNode]]?

        func indented(by extra: [UInt8]?, overriding blocks: [String: [MustacheNode]]? = nil) -> Scope {
            var scope = self
            if let extra { scope.indentation = (indentation ?? []) + extra }
            if let blocks {
                // Blocks given closer to the page win over the parent's own.
                scope.overrides = (overrides ?? [:]).merging(blocks) { outer, _ in outer }
            }
            return scope
        }
    }

    let library: MustacheLibrary
    /// The context, then each section's value, innermost last.
    private var stack: [MustacheValue]

    init(library: MustacheLibrary, context: MustacheValue) {
        self.library = library
        stack = [context]
        stack.reserveCapacity(16)
    }

    mutating func render(_ nodes: [MustacheNode], _ scope: Scope, into output: inout [UInt8]) {
        let start = output.count
        guard let indentation = scope.indentation, !indentation.isEmpty else {
            for node in nodes { render(node, scope, into: &output) }
            return
        }
        for node in nodes {
            let before = output.count
            render(node, scope, into: &output)
            if output.count > before, before > start, output[before - 1] == UInt8(ascii: "\n"),
               !(before - 2 >= start && output[before - 2] == UInt8(ascii: "\r")) {
                output.insert(contentsOf: indentation, at: before)
            }
        }
    }

    private mutating func render(_ node: MustacheNode, _ scope: Scope, into output: inout [UInt8]) {
        switch node {
        case .text(let bytes):
            output.append(contentsOf: bytes)
        case .variable(let name, let escaped):
            guard let value = lookup(name) else { return }
            let text: String
            switch value {
            case .string(let string): text = string
            case .int(let number): text = String(number)
            case .double(let number): text = String(describing: number)
            case .bool(let flag): text = flag ? "true" : "false"
            case .null, .list, .object, .extended: return
            }
            if escaped { HTMLEscaping.append(text, to: &output) } else { output.append(contentsOf: text.utf8) }
        case .section(let name, let nodes, let inverted):
            let value = lookup(name)
            if inverted {
                switch value {
                case .list(let items)?: if items.isEmpty { render(nodes, scope, into: &output) }
                case .bool(let flag)?: if !flag { render(nodes, scope, into: &output) }
                case .null?, nil: render(nodes, scope, into: &output)
                default: break
                }
                return
            }
            switch value {
            case .list(let items)?:
                for item in items { render(nodes, scope, pushing: item, into: &output) }
            case .bool(let flag)?:
                if flag { render(nodes, scope, into: &output) }
            case .null?, nil:
                break
            case let value?:
                render(nodes, scope, pushing: value, into: &output)
            }
        case .partial(let name, let indentation, let overrides):
            guard let template = library.templates[name] else { return }
            render(template.nodes, scope.indented(by: indentation, overriding: overrides), into: &output)
        case .blockExpansion(let name, let defaultNodes, let indentation):
            render(scope.overrides?[name] ?? defaultNodes, scope.indented(by: indentation), into: &output)
        case .blockDefinition:
            break
        }
    }

    private mutating func render(_ nodes: [MustacheNode], _ scope: Scope, pushing value: MustacheValue,
                                 into output: inout [UInt8]) {
        stack.append(value)
        render(nodes, scope, into: &output)
        stack.removeLast()
    }

    /// The value a name refers to: `.` is the top of the stack; otherwise the first component is
    /// searched from the top down (or only in the top, for `.name`) and the rest inside it.
    private func lookup(_ name: MustacheName) -> MustacheValue? {
        guard let first = name.components.first else { return stack.last }
        var value: MustacheValue?
        if name.currentOnly {
            value = stack.last?.child(first)
        } else {
            var position = stack.count - 1
            while position >= 0 {
                if let found = stack[position].child(first) {
                    value = found
                    break
                }
                position -= 1
            }
        }
        for component in name.components.dropFirst() {
            value = value?.child(component)
        }
        return value
    }
}

/// HTML escaping as swift-mustache does it: `& < > " '`.
enum HTMLEscaping {
    static func append(_ text: String, to output: inout [UInt8]) {
        var utf8 = text.utf8
        let needsEscaping = utf8.withContiguousStorageIfAvailable { buffer in
            buffer.contains { $0 == 0x26 || $0 == 0x3C || $0 == 0x3E || $0 == 0x22 || $0 == 0x27 }
        } ?? utf8.contains { $0 == 0x26 || $0 == 0x3C || $0 == 0x3E || $0 == 0x22 || $0 == 0x27 }
        guard needsEscaping else {
            output.append(contentsOf: utf8)
            return
        }
        utf8 = text.utf8
        for byte in utf8 {
            switch byte {
            case 0x26: output.append(contentsOf: "&amp;".utf8)
            case 0x3C: output.append(contentsOf: "&lt;".utf8)
            case 0x3E: output.append(contentsOf: "&gt;".utf8)
            case 0x22: output.append(contentsOf: "&quot;".utf8)
            case 0x27: output.append(contentsOf: "&#39;".utf8)
            default: output.append(byte)
            }
        }
    }
}
