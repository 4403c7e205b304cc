import OmbudCore

/// The error codes this module raises (see ``OmbudError/Code``).
extension OmbudError.Code {
    /// `demo.bad_live`: follow_ups needs threads, authors and texts (raised in DemoForumLive.swift).
    public static let demoBadLive = Self(rawValue: "demo.bad_live")
    /// `demo.bad_manifest`: unknown time zone … (raised in DemoForum.swift).
    public static let demoBadManifest = Self(rawValue: "demo.bad_manifest")
    /// `demo.missing_template`: the sample forum's post markup is missing (raised in DemoForum.swift).
    public static let demoMissingTemplate = Self(rawValue: "demo.missing_template")
    /// `demo.no_source`: config/ombud.yaml has no source named '…' (raised in DemoSession.swift).
    public static let demoNoSource = Self(rawValue: "demo.no_source")
}
