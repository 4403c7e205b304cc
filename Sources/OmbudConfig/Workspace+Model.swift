import Foundation
import OmbudCore
import OmbudTriage

extension Workspace {
    /// The lexicons judging with the model `settings` names (read unless `read` is false), its
    /// problems added to `problems`. Kept out of `load` so that function's frame stays small.
    @inline(never)
    static func withModel(_ settings: ModelSettings, lexicons: [String: Triage], root: URL, read: Bool,
                          problems: inout [OmbudError]) -> [String: Triage] {
        if let (key, range) = settings.outOfRange {
            let bounds = String(format: "%g to %g", range.lowerBound, range.upperBound)
            problems.append(OmbudError(code: .configBadValue, message: "\(key) must lie between \(bounds)",
                                       context: ["file": configurationPath, "key": "triage_model.\(key)"], fix: "write a value from \(bounds)"))
        }
        if let flag = settings.unknownFlagCut {
            problems.append(OmbudError(code: .configBadValue, message: "flag_cuts names no flag: \(flag)",
                                       context: ["file": configurationPath, "key": "triage_model.flag_cuts.\(flag)"],
                                       fix: "use one of: \(Flag.allCases.map(\.rawValue).joined(separator: ", "))"))
        }
        var model: TriageModel?
        if read, let name = settings.file {
            let path = "config/\(name)"
            do {
                model = try loadModel(root.appendingPathComponent(path), path: path)
            } catch var error as OmbudError {
                if error.context["file"] == nil { error.context["file"] = path }
                problems.append(error)
            } catch {
                problems.append(OmbudError(code: .configUnexpected, message: "\(error)", context: ["file": path]))
            }
        }
        if let model {
            problems += checkModel(model, lexicons: lexicons).map { problem in
                var located = problem
                located.context["file"] = located.context["file"] ?? "config/\(settings.file ?? "")"
                return located
            }
        }
        return judging(lexicons, with: model, settings: settings)
    }

    /// Reads the triage model at `url` (`path` names it in errors). Throws `model.unreadable`
    /// or the ``ModelFile`` error naming the line.
    static func loadModel(_ url: URL, path: String) throws -> TriageModel {
        guard let data = FileManager.default.contents(atPath: url.path) else {
            throw OmbudError(code: .modelUnreadable, message: "the triage model file cannot be read", context: ["file": path],
                             fix: "run `make model` to train it, or remove triage_model.file from config/ombud.yaml to judge by the rules alone")
        }
        return try ModelFile.read(String(decoding: data, as: UTF8.self), file: path)
    }

    /// Problems of `model` against the lexicons: a taxonomy or a category the lexicons do not have.
    static func checkModel(_ model: TriageModel, lexicons: [String: Triage]) -> [OmbudError] {
        var problems: [OmbudError] = []
        for head in model.heads where head.hasPrefix("category:") {
            let parts = head.split(separator: ":").map(String.init)
            guard parts.count == 3 else { continue }
            guard let triage = lexicons[parts[1]] else {
                problems.append(OmbudError(code: .modelUnknownLexicon, message: "the model has categories of lexicon '\(parts[1])', which config/lexicon/ lacks",
                                           context: ["head": head], fix: "add config/lexicon/\(parts[1]).yaml or train the model again"))
                continue
            }
            if !triage.lexicon.categories.contains(where: { $0.id == parts[2] }) {
                problems.append(OmbudError(code: .modelUnknownCategory, message: "the model's category '\(parts[2])' is not in lexicon \(parts[1])",
                                           context: ["head": head], fix: "add it to config/lexicon/\(parts[1]).yaml or train the model again"))
            }
        }
        return problems
    }
}

extension Workspace {
    /// The model settings in force (`triage_model:`; the defaults when absent).
    public var modelSettings: ModelSettings { configuration.triageModel ?? ModelSettings() }

    /// The model the lexicons judge with, if one is installed.
    public var model: TriageModel? { triage.model }

    /// This workspace with every lexicon judging with `model` (nil: the rules alone).
    public func replacingModel(_ model: TriageModel?) -> Workspace {
        var copy = self
        copy.lexicons = Self.judging(lexicons, with: model, settings: modelSettings)
        copy.triage = copy.lexicons[Workspace.defaultLexicon] ?? triage.withModel(model, settings: modelSettings, taxonomy: Workspace.defaultLexicon)
        return copy
    }

    /// Each lexicon judging with `model`, its categories read from the model's taxonomy of the same name.
    static func judging(_ lexicons: [String: Triage], with model: TriageModel?, settings: ModelSettings) -> [String: Triage] {
        Dictionary(uniqueKeysWithValues: lexicons.map { name, triage in (name, triage.withModel(model, settings: settings, taxonomy: name)) })
    }
}
