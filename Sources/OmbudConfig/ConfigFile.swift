import Foundation
import OmbudCore
import Yams

/// Reads one YAML file into a typed value, strictly: a syntax error, a missing or mistyped key
/// and an unknown key all fail with ``OmbudError`` naming the file, the key path and the fix.
public enum ConfigFile {
    /// Decodes `type` from the file at `url`.
    public static func load<T: Codable>(_ type: T.Type, from url: URL) throws -> T {
        let text: String
        do {
            text = try String(contentsOf: url, encoding: .utf8)
        } catch {
            throw OmbudError(code: .configUnreadable, message: "cannot read the file as UTF-8 text",
                             context: ["file": url.relativePath], fix: "check that the file exists and is saved as UTF-8")
        }
        return try decode(type, yaml: text, file: url.relativePath)
    }

    /// Decodes `type` from YAML text; `file` names the source in errors.
    public static func decode<T: Codable>(_ type: T.Type, yaml text: String, file: String) throws -> T {
        let node: Node
        do {
            guard let composed = try Yams.compose(yaml: text) else {
                throw OmbudError(code: .configEmpty, message: "the file is empty", context: ["file": file],
                                 fix: "restore it from the repository's config/ folder")
            }
            node = composed
        } catch let error as OmbudError {
            throw error
        } catch let error as YamlError {
            throw syntaxError(error, file: file)
        } catch {
            throw OmbudError(code: .configYamlSyntax, message: "not valid YAML: \(error)", context: ["file": file],
                             fix: "check indentation and quoting")
        }
        if let bad = firstNonFinite(in: node, path: []) {
            throw OmbudError(code: .configBadNumber, message: "'\(bad.text)' is not a number a setting can take",
                             context: ["file": file, "key": bad.path, "line": "\(bad.line)"], fix: "write a finite number, for example 1.5")
        }
        let value: T
        do {
            value = try YAMLDecoder().decode(type, from: node)
        } catch let error as DecodingError {
            throw describe(error, file: file, node: node)
        } catch var error as OmbudError {
            error.context["file"] = file
            throw error
        } catch {
            throw OmbudError(code: .configBadValue, message: "\(error)", context: ["file": file], fix: "check the value")
        }
        // Keys the type did not read are unknown: re-encode what was read and compare.
        let known = try Yams.compose(yaml: YAMLEncoder().encode(value)) ?? Node("")
        if let unknown = firstUnknownKey(in: node, known: known, path: []) {
            throw OmbudError(code: .configUnknownKey, message: "unknown key '\(unknown.key)'",
                             context: ["file": file, "key": unknown.path, "line": "\(unknown.line)"],
                             fix: unknown.siblings.isEmpty ? "remove it or correct its spelling"
                                 : "remove it or correct its spelling; keys in use here: \(unknown.siblings.joined(separator: ", "))")
        }
        return value
    }

    /// The line (1-based) of `key` (`sources[0].politeness.max_per_host`) in YAML `text`, where it is written.
    public static func line(of key: String, in text: String) -> Int? {
        guard var node = try? Yams.compose(yaml: text) else { return nil }
        var line: Int?
        for part in key.split(separator: ".") {
            var name = Substring(part)
            var indices: [Int] = []
            while name.hasSuffix("]"), let open = name.lastIndex(of: "[") {
                guard let index = Int(name[name.index(after: open)..<name.index(before: name.endIndex)]) else { return line }
                indices.insert(index, at: 0)
                name = name[..<open]
            }
            if !name.isEmpty {
                guard let mapping = node.mapping, let pair = mapping.first(where: { $0.key.string == String(name) }) else { return line }
                line = pair.key.mark?.line ?? line
                node = pair.value
            }
            for index in indices {
                guard let sequence = node.sequence, index < sequence.count else { return line }
                node = sequence[index]
                line = node.mark?.line ?? line
            }
        }
        return line
    }

    /// The first plain scalar that YAML reads as not-a-number or infinity (`.nan`, `.inf`): no
    /// setting means it, and every comparison with it is false (a threshold of `.nan` judges nothing).
    private static func firstNonFinite(in node: Node, path: [String]) -> (text: String, path: String, line: Int)? {
        switch node {
        case .scalar(let scalar):
            guard scalar.style == .plain, [".nan", ".inf", "+.inf", "-.inf"].contains(scalar.string.lowercased()) else { return nil }
            return (scalar.string, path.joined(separator: "."), scalar.mark?.line ?? 0)
        case .mapping(let mapping):
            for (key, value) in mapping {
                if let found = firstNonFinite(in: value, path: path + [key.string ?? "?"]) { return found }
            }
        case .sequence(let sequence):
            for (index, item) in sequence.enumerated() {
                let indexed = path.isEmpty ? ["[\(index)]"] : path.dropLast() + ["\(path.last!)[\(index)]"]
                if let found = firstNonFinite(in: item, path: indexed) { return found }
            }
        default:
            break
        }
        return nil
    }

    private struct Unknown {
        var key: String
        var path: String
        var line: Int
        var siblings: [String]
    }

    private static func firstUnknownKey(in node: Node, known: Node, path: [String]) -> Unknown? {
        switch node {
        case .mapping(let mapping):
            let knownMapping = known.mapping
            let knownKeys = knownMapping.map { $0.keys.compactMap(\.string) } ?? []
            for (key, value) in mapping {
                let name = key.string ?? "?"
                guard let counterpart = knownMapping?[key] else {
                    if case .scalar(let scalar) = value, scalar.string == "null" || scalar.string == "~" || scalar.string.isEmpty { continue }
                    return Unknown(key: name, path: (path + [name]).joined(separator: "."), line: (key.mark?.line ?? 0),
                                   siblings: knownKeys)
                }
                if let found = firstUnknownKey(in: value, known: counterpart, path: path + [name]) { return found }
            }
        case .sequence(let sequence):
            let knownItems = known.sequence.map(Array.init) ?? []
            for (index, item) in sequence.enumerated() where index < knownItems.count {
                let indexed = path.isEmpty ? ["[\(index)]"] : path.dropLast() + ["\(path.last!)[\(index)]"]
                if let found = firstUnknownKey(in: item, known: knownItems[index], path: indexed) { return found }
            }
        default:
            break
        }
        return nil
    }

    private static func keyPath(_ codingPath: [any CodingKey]) -> String {
        var parts: [String] = []
        for key in codingPath {
            if let index = key.intValue, parts.isEmpty == false {
                parts[parts.count - 1] += "[\(index)]"
            } else if let index = key.intValue {
                parts.append("[\(index)]")
            } else {
                parts.append(key.stringValue)
            }
        }
        return parts.joined(separator: ".")
    }

    private static func syntaxError(_ error: YamlError, file: String) -> OmbudError {
        let (problem, mark): (String, Mark?) = switch error {
        case .scanner(_, let problem, let mark, _), .parser(_, let problem, let mark, _), .composer(_, let problem, let mark, _):
            (problem, mark)
        case .duplicatedKeysInMapping(let duplicates, let context):
            ("the key '\(duplicates.joined(separator: "', '"))' appears twice in one mapping", context.mark)
        default:
            ("\(error)", nil)
        }
        var context = ["file": file]
        if let mark { context["line"] = "\(mark.line)" }
        return OmbudError(code: .configYamlSyntax, message: "not valid YAML: \(problem)", context: context,
                          fix: "check indentation, quoting and repeated keys at that line")
    }

    private static func describe(_ error: DecodingError, file: String, node: Node) -> OmbudError {
        switch error {
        case .keyNotFound(let key, let context):
            let path = keyPath(context.codingPath + [key])
            let parent = keyPath(context.codingPath)
            var fix = "add \(key.stringValue): to \(parent.isEmpty ? "the top level" : parent)"
            if let typo = mapping(at: context.codingPath, in: node)?.keys.compactMap(\.string)
                .first(where: { editDistance($0, key.stringValue) <= 3 }) {
                fix = "rename '\(typo)' to '\(key.stringValue)'"
            }
            return OmbudError(code: .configMissingKey, message: "required key '\(key.stringValue)' is missing",
                              context: ["file": file, "key": path], fix: fix)
        case .typeMismatch(let type, let context):
            return OmbudError(code: .configBadType, message: "expected \(typeName(type))",
                              context: ["file": file, "key": keyPath(context.codingPath)], fix: "write a \(typeName(type)) there")
        case .valueNotFound(let type, let context):
            return OmbudError(code: .configMissingValue, message: "expected \(typeName(type)), found nothing",
                              context: ["file": file, "key": keyPath(context.codingPath)], fix: "give the key a value")
        case .dataCorrupted(let context):
            return OmbudError(code: .configBadValue, message: context.debugDescription,
                              context: ["file": file, "key": keyPath(context.codingPath)], fix: "correct the value")
        @unknown default:
            return OmbudError(code: .configBadValue, message: "\(error)", context: ["file": file], fix: "correct the value")
        }
    }

    private static func mapping(at path: [any CodingKey], in node: Node) -> Node.Mapping? {
        var current = node
        for key in path {
            if let index = key.intValue, let sequence = current.sequence, index < sequence.count {
                current = sequence[index]
            } else if let next = current[key.stringValue] {
                current = next
            } else {
                return nil
            }
        }
        return current.mapping
    }

    /// Levenshtein distance, for "did you mean" hints.
    static func editDistance(_ a: String, _ b: String) -> Int {
        let a = Array(a), b = Array(b)
        var previous = Array(0...b.count)
        for i in 1...max(a.count, 1) where !a.isEmpty {
            var current = [i] + Array(repeating: 0, count: b.count)
            for j in 1...max(b.count, 1) where !b.isEmpty {
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            }
            previous = current
        }
        return a.isEmpty ? b.count : previous[b.count]
    }

    private static func typeName(_ type: Any.Type) -> String {
        switch type {
        case is String.Type: "text value"
        case is Int.Type: "whole number"
        case is Double.Type: "number"
        case is Bool.Type: "true or false"
        default:
            "\(type)".hasPrefix("Array") ? "list" : "\(type)".hasPrefix("Dictionary") ? "mapping" : "value of type \(type)"
        }
    }
}
