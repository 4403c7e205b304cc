import Foundation
import OmbudConfig
import OmbudCore
import OmbudStore
import OmbudWeb

extension Workspace {
    /// Category names by id, as staff call them (设备设施).
    public var categoryNames: [String: String] {
        // The default lexicon's names win where two lexicons share a category id.
        let ordered = [triage] + lexicons.sorted { $0.key < $1.key }.map(\.value)
        return Dictionary(ordered.flatMap(\.lexicon.categories).map { ($0.id, $0.name) }) { first, _ in first }
    }

    /// The dashboard over `store`, with this configuration's templates, names and time zone.
    public func dashboard(store: any Store, clock: any OmbudCore.Clock) throws -> Dashboard {
        try Dashboard(store: store, templates: templates,
                      view: CaseListView(categoryNames: categoryNames,
                                         timeZone: TimeZone(identifier: configuration.calendar.timeZone) ?? .gmt),
                      clock: clock)
    }
}
