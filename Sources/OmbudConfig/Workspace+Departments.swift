import OmbudCore
import OmbudDeadlines

extension Workspace {
    /// The working calendars of departments that keep their own hours, by the categories they
    /// handle. Throws ``OmbudError`` `calendar.*` with the department's key.
    static func departmentCalendars(_ configuration: OmbudConfiguration) throws -> [String: WorkingCalendar] {
        var byCategory: [String: WorkingCalendar] = [:]
        for (index, department) in (configuration.departments ?? []).enumerated() {
            guard let settings = department.calendar else { continue }
            let calendar = try OmbudError.locating(["department": department.name, "key": "departments[\(index)].calendar"]) {
                try WorkingCalendar(settings: settings)
            }
            for category in department.categories { byCategory[category] = calendar }
        }
        return byCategory
    }

    /// What is wrong with `departments:`: an unknown category, a category two departments claim,
    /// a role the ladder never notifies.
    static func checkDepartments(_ configuration: OmbudConfiguration, categories: Set<String>) -> [OmbudError] {
        var problems: [OmbudError] = []
        var owner: [String: String] = [:]
        let roles = Set((configuration.escalation ?? .standard).ladder.flatMap(\.notify))
        for (index, department) in (configuration.departments ?? []).enumerated() {
            let key = "departments[\(index)]"
            for category in department.categories {
                if !categories.contains(category) {
                    problems.append(OmbudError(code: .departmentUnknownCategory, message: "department \(department.name) handles '\(category)', which no lexicon has",
                                               context: ["key": key + ".categories"], fix: "use one of: \(categories.sorted().joined(separator: ", "))"))
                } else if let other = owner[category] {
                    problems.append(OmbudError(code: .departmentSharedCategory, message: "'\(category)' is handled by both \(other) and \(department.name)",
                                               context: ["key": key + ".categories"], fix: "give each category to one department"))
                }
                owner[category] = owner[category] ?? department.name
            }
            for role in (department.people ?? [:]).keys.sorted() where !roles.contains(role) {
                problems.append(OmbudError(code: .departmentUnknownRole, message: "department \(department.name) names '\(role)', whom no ladder step notifies",
                                           context: ["key": key + ".people.\(role)"], fix: "use one of: \(roles.sorted().joined(separator: ", "))"))
            }
        }
        return problems
    }

    /// Who each role is for cases of each category: `escalation.people`, with a department's own
    /// people over it for the categories it handles.
    public var peopleByCategory: [String: [String: String]] {
        var result: [String: [String: String]] = [:]
        let base = configuration.escalation?.people ?? [:]
        for department in configuration.departments ?? [] {
            guard let people = department.people else { continue }
            for category in department.categories { result[category] = base.merging(people) { _, own in own } }
        }
        return result
    }
}
