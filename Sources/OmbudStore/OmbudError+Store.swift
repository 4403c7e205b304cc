import OmbudCore

/// The error codes this module raises (see ``OmbudError/Code``).
extension OmbudError.Code {
    /// `case.merge_nothing`: nothing to merge into case … (raised in SQLiteStore+CaseEdits.swift).
    public static let caseMergeNothing = Self(rawValue: "case.merge_nothing")
    /// `case.split_everything`: splitting every post out of case … would leave it empty (raised in SQLiteStore+CaseEdits.swift).
    public static let caseSplitEverything = Self(rawValue: "case.split_everything")
    /// `case.split_foreign_post`: post …/… is not in case … (raised in SQLiteStore+CaseEdits.swift).
    public static let caseSplitForeignPost = Self(rawValue: "case.split_foreign_post")
    /// `case.split_nothing`: no posts chosen to split from case … (raised in SQLiteStore+CaseEdits.swift).
    public static let caseSplitNothing = Self(rawValue: "case.split_nothing")
    /// `store.open`: cannot open the SQLite database: … (raised in SQLiteStore.swift).
    public static let storeOpen = Self(rawValue: "store.open")
    /// `store.read`: … (raised in SQLiteStore.swift).
    public static let storeRead = Self(rawValue: "store.read")
    /// `store.write`: … (raised in SQLiteStore.swift).
    public static let storeWrite = Self(rawValue: "store.write")
}
