import Foundation
import OmbudCore

/// The text form of a ``TriageModel`` (`config/models/triage.model`): readable, diffable, checked on load.
///
/// ```
/// ombud-triage-model 2
/// version v-3f2a9c1d
/// heads complaint flag:media_threat … category:triage:facilities …
/// bias -0.41 -3.2 …
/// note trained on 2,104 posts (…)
/// features 41230
/// 漏水	0.812 0 …        (name, a tab, one weight per head in order)
/// ```
/// A feature line may stop before the last heads: the weights it leaves out are 0 (most
/// features weigh nothing for the taxonomies of other trades, and the file stays small).
public enum ModelFile {
    /// The format this build reads and writes. Format 2 names features by text read with
    /// Traditional characters as Simplified (``ModelFeatures``); a format 1 model's Traditional
    /// n-grams would never match, so it is refused with the fix (train again), not read.
    public static let format = "ombud-triage-model 2"

    /// Writes `model` as text.
    public static func text(of model: TriageModel) -> String {
        var lines = [format, "version \(model.version)", "heads " + model.heads.joined(separator: " "),
                     "bias " + model.bias.map { Self.number(Float($0), digits: 6) }.joined(separator: " ")]
        lines += model.notes.map { "note " + $0.replacingTabsAndNewlines() }
        let features = model.features
        lines.append("features \(features.count)")
        for feature in features {
            var weights = feature.weights[...]
            while weights.count > 1, weights.last == 0 { weights.removeLast() }
            lines.append(feature.name + "\t" + weights.map { Self.number($0) }.joined(separator: " "))
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// Reads a model; `file` names it in errors. Throws ``OmbudError`` `model.*` naming the line.
    public static func read(_ text: String, file: String) throws -> TriageModel {
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).makeIterator()
        var number = 0
        func fail(_ code: OmbudError.Code, _ message: String) -> OmbudError {
            OmbudError(code: code, message: message, context: ["file": file, "line": "\(number)"],
                       fix: "train the model again with `make model` (ombud learn); do not edit the file by hand")
        }
        func next() -> Substring? {
            number += 1
            return lines.next()
        }
        let first = next().map(String.init)
        if first == "ombud-triage-model 1" {
            throw fail(.modelFormat, "a model of format 1, trained before Traditional characters were read as Simplified")
        }
        guard first == format else { throw fail(.modelFormat, "not an Ombud triage model (\(format) expected)") }
        var version: String?, heads: [String] = [], bias: [Double] = [], notes: [String] = []
        var count: Int?
        while count == nil, let line = next() {
            let parts = line.split(separator: " ", maxSplits: 1).map(String.init)
            guard let word = parts.first else { continue }
            let rest = parts.count > 1 ? parts[1] : ""
            switch word {
            case "version": version = rest
            case "heads": heads = rest.split(separator: " ").map(String.init)
            case "bias":
                bias = try rest.split(separator: " ").map { guard let value = Double($0) else { throw fail(.modelBadNumber, "bias '\($0)' is not a number") }; return value }
            case "note": notes.append(rest)
            case "features":
                guard let value = Int(rest), value >= 0 else { throw fail(.modelBadNumber, "features '\(rest)' is not a count") }
                count = value
            default: throw fail(.modelUnknownLine, "unknown line '\(word)'")
            }
        }
        guard let version, !version.isEmpty, let count else { throw fail(.modelIncomplete, "the header lacks version or features") }
        guard heads.count == bias.count, !heads.isEmpty else { throw fail(.modelBadHeads, "heads and bias differ in number") }
        var features: [(name: String, key: UInt64, weights: [Float])] = []
        features.reserveCapacity(min(count, 1 << 20))   // the header is not trusted with memory
        for _ in 0..<count {
            guard let line = next() else { throw fail(.modelTruncated, "the file ends before its \(count) features") }
            guard let tab = line.firstIndex(of: "\t") else { throw fail(.modelBadFeature, "a feature line needs a tab") }
            let name = String(line[..<tab])
            guard let key = ModelFeatures.key(named: name) else { throw fail(.modelBadFeature, "unknown feature '\(name)'") }
            var weights = try line[line.index(after: tab)...].split(separator: " ").map {
                guard let weight = Float($0), weight.isFinite else { throw fail(.modelBadNumber, "'\(name)' has weight '\($0)', not a number") }
                return weight
            }
            guard (1...heads.count).contains(weights.count) else {
                throw fail(.modelBadFeature, "'\(name)' has \(weights.count) weights for \(heads.count) heads")
            }
            weights += [Float](repeating: 0, count: heads.count - weights.count)
            features.append((name, key, weights))
        }
        do {
            return try TriageModel(version: version, heads: heads, bias: bias, features: features, notes: notes)
        } catch var error as OmbudError {
            error.context["file"] = file
            throw error
        }
    }

    /// Weights smaller than this are stored as 0: one moves a post's log-odds by less than a
    /// thousandth (a text feature is worth 1/√n of n features), and leaving them out keeps the
    /// file small (`ombud learn` drops a feature whose weights are all 0).
    public static let negligible: Float = 0.002

    /// `value` as the file keeps it: 0 when ``negligible``, otherwise three significant digits.
    public static func stored(_ value: Float) -> Float {
        guard value.isFinite, abs(value) >= negligible else { return 0 }
        let scale = Float(pow(10, Double(2 - Int(log10(Double(abs(value))).rounded(.down)))))
        return (value * scale).rounded() / scale
    }

    /// A number as short text: zero as `0`, otherwise `digits` significant digits (three for the
    /// weights, which are ``stored`` values; more for the biases).
    static func number(_ value: Float, digits: Int = 3) -> String {
        if value == 0 { return "0" }
        var text = String(format: "%.\(digits)g", Double(value))
        if text.hasPrefix("0.") { text.removeFirst() } else if text.hasPrefix("-0.") { text.remove(at: text.index(after: text.startIndex)) }
        return text
    }
}

private extension String {
    func replacingTabsAndNewlines() -> String {
        String(map { $0 == "\t" || $0 == "\n" || $0 == "\r" ? " " : $0 })
    }
}
