/// What a person can do to a case from its page: each is a `POST /cases/{id}/{action}` route.
enum CaseAction: String, CaseIterable, Sendable {
    /// Save an edited draft.
    case edit
    /// Approve a draft (the approval policy decides who may).
    case approve
    /// Send a draft back with a reason.
    case reject
    /// Post an approved draft through the source's poster.
    case post
    /// Record a draft posted by hand, with its address.
    case posted
    /// Confirm that a sent reply shows in its thread.
    case seen
    /// Give the case to another account.
    case reassign
    /// Dismiss the case as not a complaint, with a reason.
    case dismiss
    /// Merge other cases into this one.
    case merge
    /// Move posts out into a new case.
    case split
}
