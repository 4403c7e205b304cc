extension TextPattern {
    /// For each element every match must contain (a literal, a class, a group of alternatives),
    /// the characters that element can begin with, as scalar values: a text that lacks all the
    /// characters of one of these sets cannot match, and the regular-expression engine is spared.
    ///
    /// Worked out from the expression's top-level sequence, conservatively: anything not
    /// understood (`.`, `\d`, `\w`, negated classes, top-level `|`, look-arounds, back-references)
    /// contributes no set, so the filter only ever skips texts the expression cannot match.
    static func requiredSets(_ source: String, caseInsensitive: Bool) -> [Set<UInt32>] {
        let scalars = Array(source.unicodeScalars)
        guard splitAlternatives(scalars).count == 1 else { return [] }   // a top-level |
        var sets: [Set<UInt32>] = []
        var index = 0
        while index < scalars.count {
            guard let (element, end) = element(scalars, at: index) else { return sets }
            index = end
            var optional = false
            if index < scalars.count {
                switch scalars[index] {
                case "?", "*":
                    optional = true
                    index += 1
                case "+":
                    index += 1
                case "{":
                    guard let close = scalars[index...].firstIndex(of: "}") else { return sets }
                    optional = scalars[index + 1] == "0"
                    index = close + 1
                default: break
                }
                if index < scalars.count, scalars[index] == "?" || scalars[index] == "+" { index += 1 }   // lazy or possessive
            }
            // Case-insensitive matching folds more than ASCII (É/é, Ａ/ａ, Σ/ς): a set with such a letter is dropped.
            if !optional, let element, !element.isEmpty,
               !caseInsensitive || !element.contains(where: { $0 > 0x7F && Unicode.Scalar($0)?.properties.changesWhenCaseMapped == true }) {
                sets.append(caseInsensitive ? Set(element.flatMap(bothCases)) : element)
            }
        }
        return sets
    }

    /// The element at `start`: its possible first characters (nil: unknown, empty: zero-width)
    /// and where it ends; nil when the expression is not understood from there on.
    private static func element(_ s: [Unicode.Scalar], at start: Int) -> (Set<UInt32>?, Int)? {
        switch s[start] {
        case "^", "$":
            return ([], start + 1)
        case ".":
            return (nil, start + 1)
        case "\\":
            guard start + 1 < s.count else { return nil }
            let next = s[start + 1]
            // One-character classes and boundaries are understood as "anything"; any other escape
            // of a letter or digit (\u6f0f, \x41, \0101, \cA, \1, \p{…}) ends the analysis.
            if "dDsSwWbB".unicodeScalars.contains(next) { return (nil, start + 2) }
            if next.properties.isAlphabetic || next.properties.numericType != nil { return nil }
            return ([next.value], start + 2)
        case "[":
            guard let close = closingBracket(s, from: start) else { return nil }
            let body = Array(s[(start + 1)..<close])
            if body.first == "^" || body.contains("\\") { return (nil, close + 1) }
            if body.contains("[") || body.contains("&") { return nil }   // nested sets, POSIX classes, intersections
            var set = Set<UInt32>()
            var index = 0
            while index < body.count {
                if index + 2 < body.count, body[index + 1] == "-", body[index].value <= body[index + 2].value {
                    for value in body[index].value...body[index + 2].value { set.insert(value) }
                    index += 3
                } else {
                    set.insert(body[index].value)
                    index += 1
                }
            }
            return (set, close + 1)
        case "(":
            guard let close = closingParenthesis(s, from: start) else { return nil }
            var body = Array(s[(start + 1)..<close])
            if body.first == "?" {
                guard body.count > 1 else { return nil }
                if "=!<".unicodeScalars.contains(body[1]) { return (nil, close + 1) }   // look-arounds
                guard body[1] == ":" else { return nil }   // flags such as (?x) change how the rest reads
                body.removeFirst(2)
            }
            var set = Set<UInt32>()
            for alternative in splitAlternatives(body) {
                guard let first = alternative.first, !"\\[(.^$".unicodeScalars.contains(first) else { return (nil, close + 1) }
                if alternative.count > 1, "?*{".unicodeScalars.contains(alternative[1]) { return (nil, close + 1) }
                set.insert(first.value)
            }
            return (set, close + 1)
        case ")", "|", "?", "*", "+", "{":
            return nil
        default:
            return ([s[start].value], start + 1)
        }
    }

    private static func bothCases(_ value: UInt32) -> [UInt32] {
        switch value {
        case 0x53, 0x73: [0x53, 0x73, 0x17F]    // ſ (long s) folds to s
        case 0x4B, 0x6B: [0x4B, 0x6B, 0x212A]   // K (Kelvin sign) folds to k
        case 0x41...0x5A: [value, value + 0x20]
        case 0x61...0x7A: [value, value - 0x20]
        default: [value]
        }
    }

    private static func closingBracket(_ s: [Unicode.Scalar], from start: Int) -> Int? {
        var index = start + 1
        while index < s.count {
            if s[index] == "\\" { index += 2; continue }
            if s[index] == "]", index > start + 1 { return index }
            index += 1
        }
        return nil
    }

    private static func closingParenthesis(_ s: [Unicode.Scalar], from start: Int) -> Int? {
        var depth = 0, index = start, inClass = false
        while index < s.count {
            switch s[index] {
            case "\\": index += 1
            case "[": inClass = true
            case "]": inClass = false
            case "(" where !inClass: depth += 1
            case ")" where !inClass:
                depth -= 1
                if depth == 0 { return index }
            default: break
            }
            index += 1
        }
        return nil
    }

    private static func splitAlternatives(_ body: [Unicode.Scalar]) -> [[Unicode.Scalar]] {
        var parts: [[Unicode.Scalar]] = [[]]
        var depth = 0, index = 0, inClass = false
        while index < body.count {
            let scalar = body[index]
            if scalar == "\\", index + 1 < body.count {
                parts[parts.count - 1] += [scalar, body[index + 1]]
                index += 2
                continue
            }
            switch scalar {
            case "[": inClass = true
            case "]": inClass = false
            case "(" where !inClass: depth += 1
            case ")" where !inClass: depth -= 1
            case "|" where !inClass && depth == 0:
                parts.append([])
                index += 1
                continue
            default: break
            }
            parts[parts.count - 1].append(scalar)
            index += 1
        }
        return parts
    }
}
