import OmbudCore

/// The error codes this module raises (see ``OmbudError/Code``).
extension OmbudError.Code {
    /// `poster.bad_thread`: Discourse topic ids are numbers, not '…' (raised in DiscoursePoster.swift).
    public static let posterBadThread = Self(rawValue: "poster.bad_thread")
    /// `poster.bad_url`: '…' is not a form address (raised in FormPoster.swift).
    public static let posterBadUrl = Self(rawValue: "poster.bad_url")
    /// `poster.rejected`: the forum did not confirm the reply (HTTP …) (raised in FormPoster.swift).
    public static let posterRejected = Self(rawValue: "poster.rejected")
    /// `poster.unreachable`: the forum could not be reached: … (raised in FormPoster.swift).
    public static let posterUnreachable = Self(rawValue: "poster.unreachable")
}
